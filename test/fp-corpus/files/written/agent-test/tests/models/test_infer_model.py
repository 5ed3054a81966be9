from __future__ import annotations

import pytest

from agentkit.models import infer_model
from agentkit.providers import chat as chat_provider

from ..conftest import TestEnv

# (model name, environment, expected model class, expected provider name)
CASES = [
    ('gateway/chat:mini-2', {'AGENTKIT_GATEWAY_API_KEY': 'akgw_v2_eu_gatewaytestkey'}, 'ChatModel', 'gateway'),
    ('gateway/chat-responses:mini-2', {'AGENTKIT_GATEWAY_API_KEY': 'akgw_v2_eu_gatewaytestkey'}, 'ChatResponsesModel', 'gateway'),
    ('gateway/vertex:flash-3', {'AGENTKIT_GATEWAY_API_KEY': 'akgw_v2_eu_gatewaytestkey'}, 'VertexModel', 'gateway'),
    ('gateway/claude:haiku-5', {'AGENTKIT_GATEWAY_API_KEY': 'akgw_v2_eu_gatewaytestkey'}, 'ClaudeModel', 'gateway'),
    ('chat:mini-2', {'CHAT_API_KEY': 'chat-api-key'}, 'ChatModel', 'chat'),
    ('chat-responses:mini-2', {'CHAT_API_KEY': 'chat-api-key'}, 'ChatResponsesModel', 'chat'),
    (
        'cloud-chat:mini-2',
        {
            'CLOUD_CHAT_API_KEY': 'cloud-chat-api-key',
            'CLOUD_CHAT_ENDPOINT': 'https://demo.cloud.example',
            'CLOUD_CHAT_API_VERSION': '2025-01-01',
        },
        'ChatModel',
        'cloud-chat',
    ),
    ('vertex:flash-3', {'VERTEX_API_KEY': 'vertex-api-key'}, 'VertexModel', 'vertex'),
    ('claude:haiku-5', {'CLAUDE_API_KEY': 'claude-api-key'}, 'ClaudeModel', 'claude'),
    ('fastinfer:llama-4', {'FASTINFER_API_KEY': 'fastinfer-api-key'}, 'FastInferModel', 'fastinfer'),
    (
        'bedrock:titan-text',
        {
            'AWS_ACCESS_KEY_ID': 'placeholder-access-key',
            'AWS_SECRET_ACCESS_KEY': 'placeholder-secret-key',
            'AWS_DEFAULT_REGION': 'eu-central-1',
        },
        'BedrockModel',
        'bedrock',
    ),
    ('router:chat/mini-2', {'ROUTER_API_KEY': 'router-api-key'}, 'ChatModel', 'router'),
]


@pytest.mark.parametrize('model_name, environ, model_class, provider_name', CASES)
def test_infer_model(env: TestEnv, model_name: str, environ: dict[str, str], model_class: str, provider_name: str):
    for name, value in environ.items():
        env.set(name, value)
    model = infer_model(model_name)
    assert type(model).__name__ == model_class
    assert model.system == provider_name


def test_infer_model_without_key(env: TestEnv):
    env.remove('CHAT_API_KEY')
    with pytest.raises(UserError, match='Set the `CHAT_API_KEY` environment variable'):
        infer_model('chat:mini-2')


def test_provider_given_directly():
    provider = chat_provider.ChatProvider(api_key='5678', base_url='http://localhost:9999')
    model = infer_model('chat:mini-2', provider=provider)
    assert model.client.base_url == 'http://localhost:9999/'
