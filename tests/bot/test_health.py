"""GET /healthz reports the store's state."""
import httpx

from bot.app import make_app
from bot.runtime import build_runtime
from bot.settings import Settings


async def test_healthz_reports_the_database_and_schema(database_url):
    runtime = build_runtime(Settings(database_url=database_url))
    app = make_app(runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/healthz")
    await runtime.close()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["schema"] and body["database"] in ("sqlite", "postgresql")


async def test_healthz_is_503_when_the_store_is_not_migrated(tmp_path):
    runtime = build_runtime(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/empty.db"))
    app = make_app(runtime)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.get("/healthz")
    await runtime.close()
    assert response.status_code == 503 and response.json()["status"] == "error"
