"""/api/stories: cross-outlet stories (built as articles are ingested)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from flashpoint.api.deps import Con
from flashpoint.api.responses import NOT_FOUND, found, json_response
from flashpoint.dashboard import views

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("")
def list_stories(con: Con) -> Response:
    """Cross-outlet stories, or ``available: false`` when none have been built."""
    return json_response(views.stories(con))


@router.get("/{story_id}", responses=NOT_FOUND)
def story(con: Con, story_id: str) -> Response:
    """A story's articles, the cross-outlet differences in its events, its quote variants and hedges."""
    return json_response(found(views.story(con, story_id), f"story {story_id!r}"))
