"""The diagram engine: from a scenario, a view and a canvas size to a frame.

``engine.build_diagram`` is the front door: ``layout`` places hosts and
services, ``routing`` draws each link on a grid (``canvas``), ``paint`` turns
boxes and routes into glyphs (``glyphs``, ``palette``), and ``frame`` renders a
stop's picture as styled lines. ``legend`` and ``labels`` serve every renderer;
``checks`` holds the invariants the tests assert. Plain Python: no Textual.
"""
