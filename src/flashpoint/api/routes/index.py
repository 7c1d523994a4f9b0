"""/api: what the API offers, so that a client (or a curious person) can start from its root."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from flashpoint import __version__
from flashpoint.api.responses import json_response

router = APIRouter(tags=["index"])


@router.get("/api")
def api_index(request: Request) -> Response:
    """Every endpoint of the API with its methods and what it does, read from the OpenAPI
    document (``/openapi.json``, browsable at ``/docs``), which has the rest."""
    paths = request.app.openapi()["paths"]
    endpoints = [{"path": path, "method": method.upper(),
                  "summary": (operation.get("description") or operation.get("summary") or "").split("\n")[0]}
                 for path, operations in paths.items() if path.startswith("/api/")
                 for method, operation in operations.items()]
    return json_response({"name": "flashpoint", "version": __version__, "docs": "/docs",
                          "openapi": "/openapi.json", "endpoints": endpoints})
