"""Who gets what at every URL: ONE line per URL name (see docs/ARCHITECTURE.md, "Access").

Each line: the URL name, then what the 8 identities get on GET, `|`, then on POST (an empty
body). Identities, in order: anonymous, network staff, coordinator, finance manager, funder
officer, administrator, holder A (the records in the URL are its own), holder B (another
organisation's records). Outcomes:

  ok    allowed: 2xx, or a redirect elsewhere than a login page (public page for anonymous)
  L     redirected to the login page (the admin's for /admin/)
  403   refused by a rule            404   not in the user's scope (or no such record)
  405   method not allowed           400   refused input
  401   API: no token. On /api/ each identity but anonymous carries its own full token
        (tests/access/test_api_tokens.py walks the narrower and the refused tokens).

Parameters are filled with organisation A's records from tests/access/world.py: by
namespace in PARAMS, or per URL in OVERRIDES ("=value" is a literal).
"""

from collections import namedtuple

from tests.access.world import IDENTITIES

Access = namedtuple("Access", "get post")

# fmt: off
PARAMS = {
    "organisations": {"pk": "organisation", "contact_pk": "contact"},
    "coaching": {"pk": "follow_up", "organisation_pk": "organisation",
                 "interaction_pk": "interaction", "review_pk": "review"},
    "agreements": {"pk": "agreement", "line_pk": "line", "revenue_pk": "revenue",
                   "commitment_pk": "commitment", "expense_pk": "expense",
                   "payment_pk": "payment", "op_pk": "operation", "credit_pk": "credit",
                   "deliverable_pk": "deliverable"},
    "events": {"pk": "workshop", "item_pk": "item", "atelier_pk": "atelier",
               "registration_pk": "registration", "fmt": "=xlsx", "key": "workshop.public_key",
               "token": "registration_token"},
    "surveys": {"pk": "questionnaire", "section_pk": "section", "question_pk": "question",
                "invitation_pk": "invitation", "fmt": "=xlsx", "token": "invitation_token",
                "key": "questionnaire.public_key", "response_pk": "response"},
    "pathways": {"pk": "cohort", "module_pk": "module", "status": "=selection", "fmt": "=xlsx",
                 "key": "cohort.public_key"},
    "twinnings": {"pk": "twinning", "party_pk": "party", "link_pk": "link",
                  "agreement_pk": "twinning", "token": "verification_token"},
    "liaison": {"pk": "meeting"},
    "users": {"pk": "holder_user", "uidb64": "uidb64", "token": "reset_token"},
    "calls": {"pk": "application", "code": "scheme.code", "what": "=ligne",
              "document_pk": "application_document"},
    "assemblies": {"number": "deliberation.number", "pk": "sitting", "item_pk": "agenda_item",
                   "proxy_pk": "proxy", "body_pk": "body", "member_pk": "member"},
    "opendata": {"year": "=2024"},
    "documents": {"kind": "=proposal", "pk": "agreement", "key": "=introduction",
                  "code": "=subvention"},
    "": {"kind": "=organisation"},
    "api": {"pk": "organisation"},
    "api_tokens": {"pk": "api_token"},
    "admin": {"app_label": "=accounts", "object_id": "holder_user", "id": "holder_user",
              "content_type_id": "=1", "url": "=inconnu/"},
}
OVERRIDES = {
    # A background import is seen by the person who launched it only: none in the world.
    "coaching:import_job": {"pk": "=999999"},
    "twinnings:import_job": {"pk": "=999999"},
    "events:review_link": {"registration_pk": "pending_registration"},
    "events:review_create": {"registration_pk": "pending_registration"},
    "events:training": {"pk": "training"},
    "events:training_update": {"pk": "training"},
    "events:public_agenda_kind": {"kind": "=call_preparation"},
    "api:schemes-detail": {"pk": "scheme"},
    "api:calls-detail": {"pk": "call"},
    "api:applications-detail": {"pk": "application"},
    "api:sittings-detail": {"pk": "sitting"},
    "api:deliberations-detail": {"number": "deliberation.number"},
    "api:documents-detail": {"pk": "generation"},
    "api:documents-file": {"pk": "generation"},
    "pathways:candidate": {"pk": "candidate"},
    "pathways:score": {"pk": "candidate"},
    "pathways:decide": {"pk": "candidate"},
    "pathways:review_organisation": {"pk": "candidate"},
    "twinnings:town": {"pk": "town"},
    "twinnings:import_batch": {"pk": "batch"},
    "twinnings:import_run": {"pk": "batch"},
    "twinnings:campaign": {"pk": "campaign"},
    "twinnings:conflict_decide": {"pk": "conflict"},
    "twinnings:import_values": {"pk": "values_batch"},
    "surveys:response_restore": {"response_pk": "excluded_response"},
    "liaison:event": {"pk": "event"},
    "liaison:event_update": {"pk": "event"},
    "liaison:event_delete": {"pk": "event"},
    "liaison:met_update": {"pk": "met"},
    "liaison:met_delete": {"pk": "met"},
    "calls:dashboard": {"pk": "call"},
    "documents:generation_status": {"pk": "generation"},
    "documents:download": {"pk": "generation"},
    "api_tokens:service_token": {"pk": "service_account"},
    # api-read (issue 13): the record families' own keys.
    "api:follow_ups-detail": {"pk": "follow_up"},
    "api:interactions-detail": {"pk": "interaction"},
    "api:workshops-detail": {"pk": "workshop"},
    "api:registrations-detail": {"pk": "registration"},
    "api:questionnaires-detail": {"pk": "questionnaire"},
    "api:cohorts-detail": {"pk": "cohort"},
    "api:candidates-detail": {"pk": "candidate"},
    "api:twinnings-detail": {"pk": "twinning"},
    "api:agreements-detail": {"pk": "agreement"},
    # api-write (issue 13)
    "api:follow_ups-log-contact": {"pk": "follow_up"},
    "api:agreements-record-expense": {"pk": "agreement"},
    "api:workshops-register": {"pk": "workshop"},
    "api:applications-submit": {"pk": "application"},
    "api:twinnings-answer-verification": {"pk": "twinning"},
}

# A query string appended to the URL, for views that answer 404 without one.
# (organisation_q=a: both names match it; each holder must be offered only its own.)
QUERY = {"picker_options": "?field=organisation&id=walk&organisation_q=a"}

# Pages opened by a personal link: whoever holds the link sees the record it names (the
# signed token is the credential), so the other-organisation name check does not apply.
LINK_PAGES = {"events:public_registration", "twinnings:verify"}

ACCESS_LINES = """
# url name                                 GET: anon staff coord fin  funder admin holA holB | POST: same order

# root
dashboard                                  L    ok   ok   ok   ok   ok   ok   ok  | L    ok   ok   ok   ok   ok   ok   ok
login                                      ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
health                                     ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
logout                                     L    405  405  405  405  405  405  405 | L    L    L    L    L    L    L    L

# organisations
organisations:list                         L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
organisations:create                       L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
organisations:commune_options              L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
organisations:detail                       L    ok   ok   ok   ok   ok   ok   404 | L    405  405  405  405  405  405  405
organisations:update                       L    ok   ok   ok   403  ok   ok   404 | L    ok   ok   ok   403  ok   ok   404
organisations:contact_add                  L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   ok   404
organisations:contact_update               L    ok   ok   ok   403  ok   ok   404 | L    ok   ok   ok   403  ok   ok   404
organisations:contact_delete               L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   ok   404

# coaching
coaching:recap                             L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
coaching:import                            L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
coaching:import_job                        L    404  404  404  403  404  403  403 | L    405  405  405  405  405  405  405
coaching:log_contact                       L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
coaching:follow_up_create                  L    ok   ok   ok   403  ok   403  404 | L    ok   ok   ok   403  ok   403  404
coaching:follow_up                         L    ok   ok   ok   ok   ok   ok   404 | L    405  405  405  405  405  405  405
coaching:follow_up_update                  L    ok   ok   ok   403  ok   403  404 | L    ok   ok   ok   403  ok   403  404
coaching:follow_up_close                   L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  404
coaching:follow_up_reopen                  L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  404
coaching:follow_up_convert                 L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  404
coaching:review_add                        L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  404
coaching:interaction_update                L    ok   ok   ok   403  ok   403  404 | L    ok   ok   ok   403  ok   403  404
coaching:interaction_delete                L    ok   ok   ok   403  ok   403  404 | L    ok   ok   ok   403  ok   403  404
coaching:review_update                     L    ok   ok   ok   403  ok   403  404 | L    ok   ok   ok   403  ok   403  404
coaching:review_delete                     L    ok   ok   ok   403  ok   403  404 | L    ok   ok   ok   403  ok   403  404

# agreements
agreements:list                            L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
agreements:create                          L    403  ok   ok   403  ok   403  403 | L    403  ok   ok   403  ok   403  403
agreements:detail                          L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
agreements:update                          L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:status                          L    405  405  405  405  405  405  405 | L    403  ok   ok   ok   ok   404  404
agreements:export                          L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
agreements:line_create                     L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:line                            L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
agreements:line_update                     L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:line_delete                     L    405  405  405  405  405  405  405 | L    403  ok   ok   403  ok   404  404
agreements:revenue_create                  L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:schedule                        L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:revenue_update                  L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:revenue_delete                  L    405  405  405  405  405  405  405 | L    403  ok   ok   403  ok   404  404
agreements:beneficiary_budget              L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:commitment_create               L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:commitment                      L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
agreements:commitment_update               L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:commitment_delete               L    405  405  405  405  405  405  405 | L    403  ok   ok   403  ok   404  404
agreements:deliverable_create              L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:deliverable_update              L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:deliverable_delete              L    405  405  405  405  405  405  405 | L    403  ok   ok   403  ok   404  404
agreements:commitment_evidence             L    404  404  404  404  404  404  404 | L    405  405  405  405  405  405  405
agreements:expenses                        L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
agreements:expense_create                  L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:expense                         L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
agreements:expense_update                  L    403  ok   ok   403  ok   404  404 | L    403  ok   ok   403  ok   404  404
agreements:expense_delete                  L    405  405  405  405  405  405  405 | L    403  ok   ok   403  ok   404  404
agreements:expense_receipt                 L    404  404  404  404  404  404  404 | L    405  405  405  405  405  405  405
agreements:payment_create                  L    403  ok   ok   ok   ok   404  404 | L    403  ok   ok   ok   ok   404  404
agreements:payment_delete                  L    405  405  405  405  405  405  405 | L    403  ok   ok   ok   ok   404  404
agreements:operations                      L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
agreements:operation_create                L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
agreements:operation                       L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
agreements:operation_update                L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
agreements:credit_create                   L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
agreements:credit_status                   L    405  405  405  405  405  405  405 | L    403  403  403  ok   ok   403  403

# events
events:list                                L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
events:create                              L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
events:detail                              L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
events:update                              L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
events:agenda                              L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
events:agenda_item_delete                  L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:atelier_add                         L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:atelier_delete                      L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:registration_add                    L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:registration_status                 L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:registration_cancel                 L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   ok   404
events:registration_promote                L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:satisfaction_create                 L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
events:satisfaction_send                   L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
events:sign_in_sheet                       L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
events:certificates                        L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
events:certificate                         L    403  403  403  403  403  403  404 | L    405  405  405  405  405  405  405
events:export                              L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
events:checkin                             L    ok   ok   ok   403  ok   403  403 | L    405  405  405  405  405  405  405
events:checkin_mark                        L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:walk_in_add                         L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:walk_in_remove                      L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:review                              L    ok   ok   ok   403  ok   403  403 | L    405  405  405  405  405  405  405
events:review_link                         L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:review_create                       L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
events:workshop_review                     L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
events:training_create                     L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
events:training                            L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
events:training_update                     L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
events:trainings_export                    L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
events:public_list                         ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
events:public_workshop                     ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
events:public_calendar                     ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
events:public_agenda                       ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
events:public_agenda_kind                  ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
events:public_registration                 ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok

# surveys
surveys:list                               L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
surveys:create                             L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
surveys:detail                             L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
surveys:update                             L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:delete                             L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:open                               L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:close                              L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:preview                            L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
surveys:invite                             L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:invitation_resend                  L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:transcribe                         L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:section_add                        L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:section_update                     L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:section_delete                     L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:section_move                       L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:question_add                       L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:question_update                    L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:question_delete                    L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:question_move                      L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:results                            L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
surveys:chart                              L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
surveys:export                             L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
surveys:campaign                           L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
surveys:campaign_update                    L    ok   ok   403  403  ok   404  404 | L    ok   ok   403  403  ok   404  404
surveys:response_exclude                   L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:response_restore                   L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   404  404
surveys:answer                             ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
surveys:public                             ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
surveys:public_thanks                      ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405

# pathways
pathways:list                              L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
pathways:create                            L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
pathways:detail                            L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
pathways:update                            L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
pathways:step                              L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
pathways:schedule                          L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
pathways:schedule_remaining                L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
pathways:export_progress                   L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
pathways:candidates                        L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
pathways:take_in                           L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
pathways:apply_ranking                     L    405  405  405  405  405  405  405 | L    ok   ok   403  ok   ok   403  403
pathways:export_candidates                 L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
pathways:candidate                         L    ok   ok   ok   ok   ok   ok   404 | L    405  405  405  405  405  405  405
pathways:score                             L    405  405  405  405  405  405  405 | L    400  400  403  400  403  403  404
pathways:decide                            L    405  405  405  405  405  405  405 | L    ok   ok   ok   ok   ok   ok   404
pathways:review_organisation               L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
pathways:public                            ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
pathways:public_thanks                     ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405

# twinnings
twinnings:list                             L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
twinnings:create                           L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
twinnings:detail                           L    ok   ok   ok   ok   ok   ok   404 | L    405  405  405  405  405  405  405
twinnings:update                           L    ok   ok   403  403  ok   403  404 | L    ok   ok   403  403  ok   403  404
twinnings:party_add                        L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:party_remove                     L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:partner_add                      L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:partner_remove                   L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:verification                     L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:review_done                      L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:source_add                       L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  404
twinnings:town                             L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
twinnings:statistics                       L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
twinnings:exports                          L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
twinnings:export_active                    L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
twinnings:export_mailing                   L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
twinnings:import_home                      L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
twinnings:import_batch                     L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
twinnings:import_run                       L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
twinnings:import_values                    L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
twinnings:import_job                       L    404  404  403  403  404  403  403 | L    405  405  405  405  405  405  405
twinnings:conflicts                        L    ok   ok   403  403  ok   403  403 | L    405  405  405  405  405  405  405
twinnings:conflict_decide                  L    405  405  405  405  405  405  405 | L    ok   ok   403  403  ok   403  403
twinnings:campaigns                        L    ok   ok   403  403  ok   403  403 | L    ok   ok   403  403  ok   403  403
twinnings:campaign_candidates              L    ok   ok   403  403  ok   403  403 | L    405  405  405  405  405  405  405
twinnings:campaign                         L    ok   ok   403  403  ok   403  403 | L    405  405  405  405  405  405  405
twinnings:verify                           ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
twinnings:public_geojson                   ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405

# liaison: meetings with the funder, promotion events, organisations met (report-records)
liaison:meetings                           L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
liaison:meeting_create                     L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
liaison:meeting                            L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
liaison:meeting_update                     L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
liaison:meeting_delete                     L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
liaison:events                             L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
liaison:event_create                       L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
liaison:event                              L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
liaison:event_update                       L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
liaison:event_delete                       L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403
liaison:met_create                         L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
liaison:met_update                         L    ok   ok   ok   403  ok   403  403 | L    ok   ok   ok   403  ok   403  403
liaison:met_delete                         L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   403  403

# users: accounts managed by administrators (trust-access)
users:list                                 L    403  403  403  403  ok   403  403 | L    405  405  405  405  405  405  405
users:invite                               L    403  403  403  403  ok   403  403 | L    403  403  403  403  ok   403  403
users:detail                               L    403  403  403  403  ok   403  403 | L    405  405  405  405  405  405  405
users:update                               L    403  403  403  403  ok   403  403 | L    403  403  403  403  ok   403  403
users:deactivate                           L    405  405  405  405  405  405  405 | L    403  403  403  403  ok   403  403
users:reactivate                           L    405  405  405  405  405  405  405 | L    403  403  403  403  ok   403  403
users:resend                               L    405  405  405  405  405  405  405 | L    403  403  403  403  ok   403  403
users:set_password                         ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
users:set_password_done                    ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405

# privacy (trust-access)
privacy:register                           L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405

# root: search pickers (kind organisation here; follow-up is record keepers only, unknown 404)
picker_options                             L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405

# calls: schemes, calls, applications (decisions)
calls:scheme                               ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
calls:list                                 L    ok   ok   ok   ok   ok   403  403 | L    ok   ok   ok   ok   ok   403  403
calls:dashboard                            L    ok   ok   ok   ok   ok   403  403 | L    ok   ok   ok   ok   ok   403  403
calls:applications                         L    ok   ok   ok   ok   ok   ok   ok  | L    ok   ok   ok   ok   ok   ok   ok
calls:application_create                   L    ok   ok   ok   403  ok   ok   ok  | L    ok   ok   ok   403  ok   ok   ok
calls:application_add                      L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   ok   404
calls:application                          L    ok   ok   ok   ok   ok   ok   404 | L    ok   ok   ok   ok   ok   ok   404
calls:application_move                     L    405  405  405  405  405  405  405 | L    ok   ok   ok   ok   ok   ok   404
calls:application_document_upload          L    405  405  405  405  405  405  405 | L    ok   ok   ok   403  ok   ok   404
calls:application_document                 L    ok   ok   ok   ok   ok   ok   404 | L    405  405  405  405  405  405  405

# assemblies: deliberations and sittings (decisions)
assemblies:deliberations                   L    ok   ok   ok   ok   ok   403  403 | L    ok   ok   ok   ok   ok   403  403
assemblies:deliberation                    L    ok   ok   ok   ok   ok   403  403 | L    ok   ok   ok   ok   ok   403  403
assemblies:sitting                         L    ok   ok   ok   ok   ok   403  403 | L    ok   ok   ok   ok   ok   403  403
assemblies:sittings                        L    ok   ok   ok   ok   ok   403  403 | L    ok   ok   ok   ok   ok   403  403
# the secretariat's screens (rule assemblies.record_sitting: funder officer, administrator)
assemblies:sitting_create                  L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:sitting_update                  L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:attendance                      L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:proxies                         L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:proxy_withdraw                  L    405  405  405  405  405  405  405 | L    403  403  403  ok   ok   403  403
assemblies:item_create                     L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:item_update                     L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:item_attendance                 L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:item_vote                       L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:item_opinion                    L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:deliberation_draft              L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:deliberation_adopt              L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
# bodies, groups, members and mandates (same rule)
assemblies:bodies                          L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:body_create                     L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:body                            L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:group_create                    L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:member_create                   L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403
assemblies:member                          L    403  403  403  ok   ok   403  403 | L    403  403  403  ok   ok   403  403

# opendata: SCDL files (public; the world adopts a 2024 deliberation)
opendata:index                             ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
opendata:subsidies                         ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
opendata:subsidies_latest                  ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
opendata:subsidies_feed                    ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405

# documents (the agreements' scope and rule: a funder officer reads and generates; texts are the network's)
documents:list                             L    ok   ok   ok   ok   ok   403  403 | L    405  405  405  405  405  405  405
documents:template_download                L    403  ok   403  403  ok   403  403 | L    405  405  405  405  405  405  405
documents:template_upload                  L    405  405  405  405  405  405  405 | L    403  ok   403  403  ok   403  403
documents:generation_status                L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
documents:download                         L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
documents:detail                           L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
documents:generate                         L    405  405  405  405  405  405  405 | L    ok   ok   ok   ok   ok   404  404
documents:preview                          L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405
documents:narrative                        L    ok   ok   ok   403  ok   404  404 | L    ok   ok   ok   403  ok   404  404
documents:figure_rows                      L    ok   ok   ok   ok   ok   404  404 | L    405  405  405  405  405  405  405

# api (issue 13): public description pages, then the token-authenticated endpoints
api:root                                   ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
api:v1-index                               ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
api:schema                                 ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
api:docs                                   ok   ok   ok   ok   ok   ok   ok   ok  | 405  405  405  405  405  405  405  405
api:not_found                              404  404  404  404  404  404  404  404 | 404  404  404  404  404  404  404  404
api:token                                  401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:organisations-list                     401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:organisations-detail                   401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
# api (issue 13, api-feeds): calls (published rules: every token), applications (scope),
# assemblies (institutional users), generated documents (the document pages' scope)
api:schemes-list                           401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:schemes-detail                         401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:calls-list                             401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:calls-detail                           401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:applications-list                      401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:applications-detail                    401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
api:sittings-list                          401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  403  403
api:sittings-detail                        401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  403  403
api:deliberations-list                     401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  403  403
api:deliberations-detail                   401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  403  403
api:documents-list                         401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  405  405
api:documents-detail                       401  ok   ok   ok   ok   ok   404  404 | 401  405  405  405  405  405  405  405
api:documents-file                         401  ok   ok   ok   ok   ok   404  404 | 401  405  405  405  405  405  405  405
# api-read: coaching
api:follow_ups-list                        401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:follow_ups-detail                      401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
api:interactions-list                      401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:interactions-detail                    401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
api:coaching-recap                         401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  403  403
# api-read: events
api:workshops-list                         401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:workshops-detail                       401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  405  405
api:registrations-list                     401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:registrations-detail                   401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
# api-read: surveys
api:questionnaires-list                    401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  405  405
api:questionnaires-detail                  401  ok   ok   ok   ok   ok   404  404 | 401  405  405  405  405  405  405  405
# api-read: pathways
api:cohorts-list                           401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:cohorts-detail                         401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  405  405
api:candidates-list                        401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:candidates-detail                      401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
# api-read: twinnings
api:twinnings-list                         401  ok   ok   ok   ok   ok   ok   ok  | 401  405  405  405  405  405  405  405
api:twinnings-detail                       401  ok   ok   ok   ok   ok   ok   404 | 401  405  405  405  405  405  405  405
api:twinnings-statistics                   401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  403  403
# api-read: agreements
api:agreements-list                        401  ok   ok   ok   ok   ok   403  403 | 401  405  405  405  405  405  405  405
api:agreements-detail                      401  ok   ok   ok   ok   ok   404  404 | 401  405  405  405  405  405  405  405
# api-write (issue 13): POST JSON only (the walk's empty form body is a 415); the screen's rule
# on the record after the scope (holder B, another organisation's record: 404)
api:follow_ups-log-contact                 401  405  405  405  405  405  405  405 | 401  415  415  415  403  415  403  404
api:agreements-record-expense              401  405  405  405  405  405  405  405 | 401  403  415  415  403  415  404  404
# (registration: the public page's, any writing token, whatever its organisation)
api:workshops-register                     401  405  405  405  405  405  405  405 | 401  415  415  415  415  415  415  415
api:applications-submit                    401  405  405  405  405  405  405  405 | 401  415  415  415  403  415  415  404
api:twinnings-answer-verification          401  405  405  405  405  405  405  405 | 401  415  415  415  415  415  415  404

# api tokens' screens: one's own tokens (another's is a 404), service accounts for administrators
api_tokens:list                            L    ok   ok   ok   ok   ok   ok   ok  | L    405  405  405  405  405  405  405
api_tokens:create                          L    ok   ok   ok   ok   ok   ok   ok  | L    ok   ok   ok   ok   ok   ok   ok
api_tokens:revoke                          L    405  405  405  405  405  405  405 | L    404  404  404  404  ok   ok   404
api_tokens:service_accounts                L    403  403  403  403  ok   403  403 | L    405  405  405  405  405  405  405
api_tokens:service_account_create          L    403  403  403  403  ok   403  403 | L    403  403  403  403  ok   403  403
api_tokens:service_token                   L    403  403  403  403  ok   403  403 | L    403  403  403  403  ok   403  403

# admin
admin:index                                L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:login                                ok   ok   ok   ok   ok   ok   ok   ok  | ok   ok   ok   ok   ok   ok   ok   ok
admin:logout                               L    ok   ok   ok   ok   ok   ok   ok  | L    ok   ok   ok   ok   ok   ok   ok
admin:password_change                      L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:password_change_done                 L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:autocomplete                         L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:jsi18n                               L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:view_on_site                         L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:auth_group_changelist                L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:auth_group_add                       L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:auth_group_history                   L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:auth_group_delete                    L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:auth_group_change                    L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:admin/auth/group/<path:object_id>/   L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:django_tasks_database_dbtaskresult_changelist L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:django_tasks_database_dbtaskresult_add L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:django_tasks_database_dbtaskresult_history L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:django_tasks_database_dbtaskresult_delete L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:django_tasks_database_dbtaskresult_change L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:admin/django_tasks_database/dbtaskresult/<path:object_id>/ L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:auth_user_password_change            L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:accounts_user_changelist             L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:accounts_user_add                    L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:accounts_user_history                L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:accounts_user_delete                 L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:accounts_user_change                 L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:admin/accounts/user/<path:object_id>/ L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:app_list                             L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
admin:admin/(?P<url>.*)$                   L    L    L    L    L    L    L    L   | L    L    L    L    L    L    L    L
"""
# fmt: on


def params_for(name):
    namespace = name.split(":")[0] if ":" in name else ""
    return {**PARAMS.get(namespace, {}), **OVERRIDES.get(name, {})}


def _parse(text):
    table = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        name, _, rest = line.partition(" ")
        get, bar, post = rest.partition("|")
        get, post = get.split(), post.split()
        assert bar and len(get) == len(post) == len(IDENTITIES), (
            f"tests/access/table.py, line {number} of ACCESS_LINES: {name} needs "
            f"{len(IDENTITIES)} outcomes for GET, '|', {len(IDENTITIES)} for POST"
        )
        assert name not in table, f"{name} is declared twice"
        table[name] = Access(tuple(get), tuple(post))
    return table


def line(name, get, post):
    """A table line for what was observed (ACCESS_DISCOVER=1 prints them)."""
    cells = " ".join(f"{c:<4}" for c in get) + "| " + " ".join(f"{c:<4}" for c in post)
    return f"{name:<42} {cells.rstrip()}"


ACCESS = _parse(ACCESS_LINES)
