"""The review page (`factdiff review`): editors decide flagged findings; the decisions feed CI.

`store` keeps decisions in SQLite with their full history, `sources` loads findings and article
text, `app` is the web app (Starlette, Jinja2), `cli` the commands. See docs/review.md.
"""
