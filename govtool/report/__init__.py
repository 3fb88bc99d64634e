"""Reports: the register turned into the documents an inspector, a board or a script reads.

The flow runs one way: ``build_*`` functions read the model (:mod:`govtool.register.model`)
and return plain dataclasses (the view models, :mod:`govtool.report.views`) that hold only
text, numbers and dates; :mod:`govtool.report.render` feeds them to Jinja2 templates
(Markdown, HTML) or dumps them as JSON. Templates never see YAML or Git objects.
"""
