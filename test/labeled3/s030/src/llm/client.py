from acme_sdk import Client


def make_client(timeout: float = 30.0) -> Client:
    return Client(
        cohere_api_key=(
            "«A40»"
        ),
        timeout=timeout,
    )
