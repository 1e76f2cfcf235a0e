"""Uploads to the fake Bot API: a multipart/form-data body read into parameters, files as
bytes (sendPhoto)."""

from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from .http import HttpRequest


def multipart_params(request: HttpRequest, decode: Callable[[str, str], Any]) -> dict[str, Any]:
    """Each form field decoded as PTB encoded it; an uploaded file as its bytes."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    form = BytesParser(policy=HTTP).parsebytes(head + request.body)
    params: dict[str, Any] = {}
    for part in form.iter_parts():
        name = part.get_param("name", header="content-disposition")
        body = part.get_payload(decode=True)
        assert isinstance(name, str) and isinstance(body, bytes), part
        params[name] = body if part.get_filename() is not None else decode(name, body.decode())
    return params
