from flask import Flask, jsonify

STOCK = {"widget": 12, "gadget": 3}


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/stock/<item>")
    def stock(item: str):
        if item not in STOCK:
            return jsonify(error=f"{item} not stocked"), 404
        return jsonify(item=item, count=STOCK[item])

    return app
