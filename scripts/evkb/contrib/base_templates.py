"""The files of a new, empty knowledge base (`evkb init`). `{...}` fields are filled by init.py.

Nothing here is about one topic: the vocabularies hold only terms every base needs, and the
topic's own measures, comparisons, populations and activities are added as its records need them.
"""
from __future__ import annotations

POPULATIONS = """\
# Who a study or a claim is about. `broader` points to the more general term, so a finding on a
# narrower population is direct evidence for a claim about a broader one. Add the topic's own.
people:
  name: People in general
  description: Anyone; used when a claim or study does not restrict who it is about.
adults:
  name: Adults
  description: People aged 18 or over, healthy or with a health condition.
  broader: people
healthy-adults:
  name: Healthy adults
  description: Adults without a relevant health condition.
  broader: adults
older-adults:
  name: Older adults
  description: Adults aged about 60 or over.
  broader: adults
children:
  name: Children and adolescents
  description: People under 18.
  broader: people
"""

ACTIVITIES = """\
# What people were doing, or what was done to them. `broader` points to the more general term.
any-activity:
  name: Any activity
  description: Used when a claim or study is not about one activity; the root of this list.
"""

COMPARISONS = """\
# What is compared with what. Findings and claim figures must share a comparison to be compared.
# `arms` names the arm labels of each side; `within_group` marks before/after comparisons.
intervention-vs-control:
  name: Intervention vs control
  description: A group given the intervention compared with a group given none, a placebo or usual care.
  arms: {intervention: [intervention], comparator: [control, placebo, usual-care]}
after-vs-before:
  name: After vs before
  description: The same group measured after the intervention or exposure compared with before it.
  arms: {intervention: [after], comparator: [before]}
  within_group: true
exposed-vs-unexposed:
  name: Exposed vs unexposed
  description: People with the exposure compared with people without it, in an observational study.
  arms: {intervention: [exposed], comparator: [unexposed]}
"""

MEASURES = """\
# What is measured, with its canonical unit (`evkb vocab units`), e.g.
#   resting-heart-rate:
#     name: Resting heart rate
#     description: Beats per minute at rest.
#     unit: bpm
# The base starts with none: add each measure the first claim or finding needs.
{}
"""

EVKB_TOML = """\
# The check's configuration (docs/configuration.md of evkb): which rules run and how strict.
select = ["ALL"]
ignore = []
strict = false
"""

MKDOCS = """\
site_name: {title}
site_description: What the research says about {topic_words}, claim by claim.
# site_url: https://<owner>.github.io/<repository>/   (set it: SARIF links each rule to its page here)
# repo_url: https://github.com/<owner>/<repository>
docs_dir: docs
site_dir: site
strict: true
theme:
  name: material
  font: false
plugins:
  - search
  - evkb
markdown_extensions:
  - tables
  - toc:
      permalink: true
nav:
  - Home: index.md
  - About: about.md
  - Claims:
      - All claims: claims/index.md
      - Topics: topics/index.md
      - Popular articles: media/index.md
  - Evidence:
      - Bibliography: references/index.md
      - Measures: measures/index.md
      - Downloads: downloads.md
  - Check:
      - Check report: check/index.md
      - Rules: rules/index.md
  - Method:
      - Verdicts and grades: method/index.md
      - How a figure is checked: method/figures.md
      - Contributing: contributing.md
validation:
  omitted_files: info
  absolute_links: warn
  unrecognized_links: warn
"""

ABOUT = """\
# About this base

An evidence knowledge base on {topic_words}: each claim is a YAML record under `claims/`, checked
by [evkb]({repository}) against the publications it cites (`references/`) and what they report
(`references/findings/`).
"""

README = """\
# {title}

An evidence knowledge base on {topic_words}, checked and published with [evkb]({repository})
{version}. Each claim is a YAML file under `claims/{topic}/`, linked to BibTeX references and to what
those publications report; `evkb check` flags unsourced, overstated, misattributed and conflicting
figures, and `mkdocs build --strict` publishes the evidence site.

```sh
python -m venv .venv && . .venv/bin/activate
pip install "evkb @ git+{repository}@{tag}"
evkb check                      # the whole base, with a code frame for every diagnostic
mkdocs build --strict           # the site, in site/
pre-commit install              # check the records you commit (.pre-commit-config.yaml)
```

| path | what |
| --- | --- |
| `claims/{topic}/<id>.yaml` | one claim each: `evkb new claim {topic}/<id>` |
| `references/{topic}.bib` | the BibTeX references: `evkb add doi:…` or `evkb new reference` |
| `references/findings/<key>.yaml` | what a publication reports: `evkb new finding <key>` |
| `references/media/<id>.yaml` | the popular articles a claim was seen in: `evkb new media <id>` |
| `references/vocabulary/` | the base's terms (generic ones to start with; add the topic's own) |
| `docs/` | hand-written pages of the site and the records' JSON Schemas (`docs/schemas/`) |
| `evkb.toml` | the check's configuration |
| `.github/workflows/evkb.yml` | CI: the gate on every pull request, the site on GitHub Pages from `main` |

Contributing: [CONTRIBUTING.md](CONTRIBUTING.md).
"""

CONTRIBUTING = """\
# Contributing

Add evidence as files and open a pull request; CI runs `evkb check` and annotates what your change
causes.

1. The publication: `evkb add doi:10.…` (or `evkb new reference < entry.bib`).
2. What it reports: `evkb new finding <key>`, then fill every `TODO`.
3. The claim: `evkb new claim {topic}/<id>`, cite the findings under `sources:`.
4. `evkb check`, fix what it reports, commit, open the pull request.
"""

GITIGNORE = """\
site/
.venv/
__pycache__/
"""

PRE_COMMIT = """\
# `pip install pre-commit && pre-commit install`: the records you commit are checked first.
repos:
  - repo: {repository}
    rev: {tag}
    hooks:
      - id: evkb-check
      - id: evkb-schema-comments
"""

WORKFLOW = """\
# The gate: every pull request is checked (annotations for what it causes first, SARIF to code
# scanning, a summary of the whole base); main is checked and published to GitHub Pages.
name: evidence base

on:
  pull_request:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: evkb-${{{{ github.ref }}}}
  cancel-in-progress: ${{{{ github.event_name == 'pull_request' }}}}

jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v6
        with:
          fetch-depth: 0
      - uses: {action}@{tag}
      - name: Build the site
        if: ${{{{ !cancelled() }}}}
        run: mkdocs build --strict --site-dir site
      - name: Package the site for GitHub Pages
        if: ${{{{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}}}
        uses: actions/upload-pages-artifact@v4
        with:
          path: site/

  deploy:
    if: ${{{{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}}}
    needs: check
    runs-on: ubuntu-latest
    concurrency:
      group: pages
      cancel-in-progress: false
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"""
