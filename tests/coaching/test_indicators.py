"""The indicators agreements measure themselves with, on the source data."""

import datetime as dt

from ouverture.core import indicators


def test_indicators_on_the_2023_source_data(source_data, seed_figures):
    start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    sessions = indicators.get("coaching.sessions").measure(start, end, kind="coaching")
    assert sessions.value == seed_figures["coaching_2023"]["sessions"]
    assert len(sessions.rows) == sessions.value
    opened = indicators.get("coaching.follow_ups_opened").measure(start, end, kind="coaching")
    assert opened.value == seed_figures["coaching_2023"]["organisations"]
    twinning = indicators.get("coaching.sessions").measure(
        start, end, kind="coaching", project_type="twinning"
    )
    rows = seed_figures["coaching_2023"]["rows"]
    assert twinning.value == sum(r[3] for r in rows if "twinning" in r[1])
