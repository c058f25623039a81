"""Models, errors, configuration and the check registry: the vocabulary every stage shares.

Nothing here imports another docaudit package, so every stage can depend on it without cycles.
"""
