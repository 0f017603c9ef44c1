"""Token scopes at every API endpoint: ONE line per API URL name (docs/API.md, "Ajouter").

Each line: the URL name, the endpoint's app (its view's `api_app`, `*` when every token
reaches it), the identity whose tokens are tried (its full token must get 2xx on GET), and
the methods the endpoint answers. tests/access/test_api_tokens.py then checks, for each
method: no token, an unknown, an expired and a revoked one → 401 in French; a read-only
token on a write → 403; a token limited to another app → 403; a token limited to this app
or read-only on a read → as the full token. A refused request writes nothing.
Parameters come from tests/access/table.py (PARAMS / OVERRIDES), records from world.py.
The API's public description pages (index, schema, docs) need no line.
"""

from collections import namedtuple

ApiLine = namedtuple("ApiLine", "app identity methods")

API_LINES = """
# url name                     app             identity        methods
api:token                      *               network_staff   GET PATCH DELETE
api:organisations-list         organisations   network_staff   GET
api:organisations-detail       organisations   holder_a        GET
api:schemes-list               calls           holder_a        GET
api:schemes-detail             calls           holder_a        GET
api:calls-list                 calls           holder_a        GET
api:calls-detail               calls           holder_a        GET
api:applications-list          calls           holder_a        GET
api:applications-detail        calls           holder_a        GET
api:sittings-list              assemblies      network_staff   GET
api:sittings-detail            assemblies      funder_officer  GET
api:deliberations-list         assemblies      network_staff   GET
api:deliberations-detail       assemblies      funder_officer  GET
api:documents-list             documents       network_staff   GET
api:documents-detail           documents       coordinator     GET
api:documents-file             documents       finance_manager GET
# api-read
api:follow_ups-list            coaching        network_staff   GET
api:follow_ups-detail          coaching        holder_a        GET
api:interactions-list          coaching        network_staff   GET
api:interactions-detail        coaching        holder_a        GET
api:coaching-recap             coaching        network_staff   GET
api:workshops-list             events          network_staff   GET
api:workshops-detail           events          network_staff   GET
api:registrations-list         events          network_staff   GET
api:registrations-detail       events          holder_a        GET
api:questionnaires-list        surveys         network_staff   GET
api:questionnaires-detail      surveys         network_staff   GET
api:cohorts-list               pathways        network_staff   GET
api:cohorts-detail             pathways        network_staff   GET
api:candidates-list            pathways        network_staff   GET
api:candidates-detail          pathways        holder_a        GET
api:twinnings-list             twinnings       network_staff   GET
api:twinnings-detail           twinnings       holder_a        GET
api:twinnings-statistics       twinnings       network_staff   GET
api:agreements-list            agreements      network_staff   GET
api:agreements-detail          agreements      network_staff   GET
# api-write
api:follow_ups-log-contact     coaching        network_staff   POST
api:agreements-record-expense  agreements      finance_manager POST
api:workshops-register         events          network_staff   POST
api:applications-submit        calls           holder_a        POST
api:twinnings-answer-verification twinnings    holder_a        POST
"""


def _parse(text):
    table = {}
    for raw in text.splitlines():
        line = raw.split("#")[0].split()
        if not line:
            continue
        name, app, identity, *methods = line
        assert methods, f"{name}: name the methods it answers"
        assert name not in table, f"{name} is declared twice"
        table[name] = ApiLine(app, identity, tuple(m.upper() for m in methods))
    return table


API = _parse(API_LINES)
