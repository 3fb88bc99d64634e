"""Lint rules: one module per rule or small family, each declared with govtool.lint.rule.rule."""
