"""/api/stories: cross-outlet stories (built as articles are ingested)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from flashpoint.api.deps import Con
from flashpoint.api.openapi import documented
from flashpoint.api.params import Limit, Offset
from flashpoint.api.responses import NOT_FOUND, found, json_response
from flashpoint.dashboard import views

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("", responses={**documented("StoryPage")})
def list_stories(con: Con, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Cross-outlet stories, largest first: ``{"stories": [...], "total": n, "limit", "offset",
    "available"}`` (``available`` is false when none have been built)."""
    return json_response(views.stories(con, limit, offset))


@router.get("/{story_id}", responses={**documented("Story"), **NOT_FOUND})
def story(con: Con, story_id: str) -> Response:
    """A story's articles, the cross-outlet differences in its events, its quote variants and hedges."""
    return json_response(found(views.story(con, story_id), f"story {story_id!r}"))
