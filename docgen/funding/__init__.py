"""The figures: transition funding, member contributions, the SRP context. Pure.

From the model and the reference data (a value) to exact `Decimal` figures, with the
figures each amount was worked from; no file is read here and no text is made
(`documents/working.py` words the working). Imports `cluster/` and the foundation.
"""
