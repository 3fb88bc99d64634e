"""The linter: rules (one module per rule or small family in rules/), the engine, output formats."""
