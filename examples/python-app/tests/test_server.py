from app.server import create_app


def test_unknown_item_is_404():
    client = create_app().test_client()
    assert client.get("/stock/unknown").status_code == 404
