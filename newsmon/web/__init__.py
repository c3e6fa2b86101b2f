"""The web interface (`newsmon serve`): search, articles, award figures, watches
and sources for communications staff, over the same store and query tree as
the CLI. `app.create_app` builds it; `routes/` holds one module per page."""
