
import json
import pathlib

import pytest

from agentkit.realtime.recording import CassetteRecorder, load_cassette


async def test_recording_scrubs_credentials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything that looks like a credential is replaced before a cassette is written."""
    monkeypatch.setenv('CLOUD_CHAT_API_KEY', '0ffline-cloud-key-for-tests-7')
    recorder = CassetteRecorder(tmp_path / 'session.yaml')
    recorder.record_handshake(
        headers={
            'Authorization': 'Bearer placeholder-bearer',
            'api-key': 'sk-placeholder_key_000000',
            'vertex-api-key': 'AIzaPlaceholderKey000000',
            'grok-key': 'xai-placeholder_key_000000',
        }
    )
    recorder.record_frame(
        {
            # A configured credential with no known prefix: caught because it equals the
            # value of an environment variable named like a key.
            'note': 'the configured key is 0ffline-cloud-key-for-tests-7 in this frame',
            'type': 'session.update',
        }
    )
    recorder.close()

    text = (tmp_path / 'session.yaml').read_text()
    for leaked in (
        'placeholder-bearer',
        'sk-placeholder_key_000000',
        'AIzaPlaceholderKey000000',
        'xai-placeholder_key_000000',
        '0ffline-cloud-key-for-tests-7',
    ):
        assert leaked not in text

    cassette = load_cassette(tmp_path / 'session.yaml')
    assert cassette.handshake['headers'] == {
        'Authorization': '<redacted>',
        'api-key': '<redacted>',
        'vertex-api-key': '<redacted>',
        'grok-key': '<redacted>',
    }
    assert json.loads(cassette.frames[0])['note'] == 'the configured key is <redacted> in this frame'


def test_recording_keeps_ordinary_text(tmp_path: pathlib.Path) -> None:
    recorder = CassetteRecorder(tmp_path / 'plain.yaml')
    recorder.record_frame({'type': 'response.text.delta', 'delta': 'token budget: 512'})
    recorder.close()
    assert 'token budget: 512' in (tmp_path / 'plain.yaml').read_text()
