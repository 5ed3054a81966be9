from acme_sdk import Client


def make_client(timeout: float = 30.0) -> Client:
    return Client(
        service_password=(
            "<token>"
        ),
        timeout=timeout,
    )
