"""The shared layout in a real browser: the menu on a tablet, breadcrumbs, hidden headers,
filter bars, the current section."""

from playwright.sync_api import expect

from tests.organisations.factories import OrganisationFactory


def test_the_menu_wraps_on_a_tablet(transactional_db, live_server, page, login, staff):
    page.set_viewport_size({"width": 768, "height": 1024})
    login(staff)
    page.goto(f"{live_server.url}/structures/")
    expect(page.get_by_role("heading", name="Structures")).to_be_visible()
    # Nothing is wider than the tablet: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 768


def test_breadcrumbs_filters_and_hidden_headers(transactional_db, live_server, page, login, staff):
    organisation = OrganisationFactory(name="Association des amis")
    login(staff)
    page.goto(f"{live_server.url}/structures/")
    # The filter bar on one line on a laptop: the search field and the button side by side.
    search = page.get_by_label("Rechercher une structure").bounding_box()
    button = page.get_by_role("button", name="Filtrer").bounding_box()
    assert abs(search["y"] - button["y"]) < 10
    page.goto(f"{live_server.url}/structures/{organisation.pk}/")
    crumb = page.get_by_role("navigation", name="Fil d'Ariane").locator("li").first
    assert crumb.evaluate("e => getComputedStyle(e, '::after').content") == '"›"'
    # "Actions" heads the contacts' buttons for screen readers only.
    actions = page.locator(".visually-hidden", has_text="Actions").first
    assert actions.bounding_box()["width"] <= 1
    # The current section is marked in the menu on a record page.
    expect(page.get_by_role("link", name="Structures", exact=True).first).to_have_attribute(
        "aria-current", "true"
    )


def test_keyboard_focus_is_visible(transactional_db, live_server, page, login, staff):
    organisation = OrganisationFactory(name="Association des amis")
    login(staff)
    page.goto(f"{live_server.url}/structures/{organisation.pk}/")
    page.keyboard.press("Tab")  # the skip link comes first and shows itself
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["x"] >= 0
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert focused[0] != "none" and focused[1] >= 2


def test_form_details_errors_help_and_inline_buttons(
    transactional_db, live_server, page, login, staff
):
    from tests.organisations.factories import contact_for

    organisation = OrganisationFactory(name="Association des amis")
    contact_for(organisation)
    login(staff)
    page.goto(f"{live_server.url}/structures/{organisation.pk}/")
    # A button in an inline form sits on the line, without Pico's bottom margin.
    inline = page.locator("form.inline button").first
    assert inline.evaluate("e => getComputedStyle(e).marginBottom") == "0px"
    page.goto(f"{live_server.url}/structures/nouvelle/")
    page.get_by_role("button", name="Enregistrer").click()
    error = page.locator(".errorlist li").first
    expect(error).to_be_visible()
    assert error.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    help_size = page.locator(".helptext").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    label_size = page.locator("label").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert help_size < label_size
