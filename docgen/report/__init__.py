"""Every result as text for people or as JSON, GitHub, SARIF or JUnit for tools.

Problems (`problems`, `github`, `ci`), the funding calculation (`funding`), a diff
(`diff`), template problems (`lint`) and what a build did (`build`); `jsontext` writes
money exactly. Returns text; only `cli/` prints.
"""
