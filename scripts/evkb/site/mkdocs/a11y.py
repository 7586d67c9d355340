"""What the theme's own markup lacks for assistive technology, added to each written page.

Material's search overlay is a `role="dialog"` without an accessible name, so a screen
reader announces an unnamed dialog (axe-core's and Lighthouse's `aria-dialog-name`). It
gets the name its own search field already carries (the theme's translation of "Search").
When a Material release changes that markup, the page is left as it is.
"""
from __future__ import annotations

import re

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_FIELD_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"<>]*)"')
_NEAR = 2000        # characters: the search field follows the dialog's opening tag within this


def name_search_dialog(output: str) -> str:
    at = output.find(SEARCH_DIALOG)
    if at < 0:
        return output
    end = at + len(SEARCH_DIALOG)
    field = _FIELD_LABEL.search(output, end, end + _NEAR)
    label = field.group(1) if field else "Search"
    return f'{output[:end - 1]} aria-label="{label}">{output[end:]}'
