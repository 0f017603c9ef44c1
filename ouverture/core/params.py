"""Integer query and form parameters, bounded in one place.

A parameter typed in an address (`?year=`, `?stale_months=`, `?ligne=`) is read
with `int_param`: anything that is not a plain decimal integer inside the bounds
(letters, "²", 10^30 that would overflow the database) gives the default, never a
500. The bounds default to what a PostgreSQL `integer` column holds.
"""

INT_MAX = 2**31 - 1
YEAR_MIN, YEAR_MAX = 1900, 2200


def bounded_int(raw, default=None, *, minimum=0, maximum=INT_MAX):
    """`raw` as an int when it is a plain ASCII integer between the bounds, else `default`."""
    text = str(raw if raw is not None else "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > 18 or not (digits.isascii() and digits.isdigit()):
        return default
    value = int(text)
    return value if minimum <= value <= maximum else default


def int_param(params, name, default=None, *, minimum=0, maximum=INT_MAX):
    """`params[name]` (request.GET or request.POST) read by `bounded_int`."""
    return bounded_int(params.get(name), default, minimum=minimum, maximum=maximum)


def year_param(params, name="year", default=None):
    return int_param(params, name, default, minimum=YEAR_MIN, maximum=YEAR_MAX)
