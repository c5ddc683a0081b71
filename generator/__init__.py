"""AI Token Tracker: turns OpenRouter's weekly token rankings into a static site.

Stages (one module each): load -> attribute/derive -> charts -> pages + downloads -> site builder.
Run as ``python -m generator {build,check,sample}``.
"""

__version__ = "0.1.0"
