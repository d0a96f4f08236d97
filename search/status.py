"""Is the search engine answering, and what does it hold: one answer for every caller.

``search_status`` (the operator's command) and ``/readyz`` (the load balancer's
probe, ``website.health``) both call ``engine_status()``, so the two never
disagree about whether the engine is up. It asks the engine directly, not
through the circuit breaker: a probe must see the engine as it is now, not as
it was when the breaker last opened.
"""

from dataclasses import dataclass, field

from search.engines import get_engine
from search.query import SearchQuery


@dataclass
class EngineStatus:
    name: str
    # Empty when the engine answers. ``error`` is short and safe to publish (no
    # addresses or credentials); ``detail`` is the full one line for operators.
    error: str = ""
    detail: str = ""
    total: int | None = None
    indexed: dict = field(default_factory=dict)

    @property
    def up(self):
        return not self.error


def engine_status():
    """The configured engine's state: up with its counts per kind, or down and why."""
    engine = get_engine()
    if not engine.healthy():
        return EngineStatus(engine.name, error="no answer", detail="it does not answer")
    try:
        response = engine.search(SearchQuery(page_size=1))
    except Exception as exc:  # noqa: BLE001 - any failure means "down", reported in one line
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return EngineStatus(engine.name, error=type(exc).__name__, detail=detail)
    indexed = {value.value: value.count for value in response.facets.get("kind", [])}
    return EngineStatus(engine.name, total=response.total, indexed=indexed)
