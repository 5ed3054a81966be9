from acme_sdk import Client


def make_client(timeout: float = 30.0) -> Client:
    return Client(
        hf_token=(
            "hf_«L34»"
        ),
        timeout=timeout,
    )
