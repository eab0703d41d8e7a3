from django.urls import path, re_path

from civicp3.improvements import views

IMP = r"^IMP-(?P<number>[0-9]{4,9})/"

urlpatterns = [
    path("requests/", views.queue, name="improvement-queue"),
    path("waiting-list/", views.waiting_list, name="improvement-waiting-list"),
    path(
        "waiting-list/export/<str:fmt>/",
        views.waiting_list_export,
        name="improvement-waiting-list-export",
    ),
    path("raise/", views.raise_request, name="improvement-raise"),
    path("raised/", views.raised, name="improvement-raised"),
    path("raise/<slug:council>/", views.public_raise_request, name="improvement-public-raise"),
    path("raise/<slug:council>/thank-you/", views.public_raised, name="improvement-public-raised"),
    path("requests/yours/", views.mine, name="improvement-mine"),
    re_path(
        r"^requests/yours/IMP-(?P<number>[0-9]{4,9})/$",
        views.mine_detail,
        name="improvement-mine-detail",
    ),
    re_path(
        r"^status/(?P<council>[-a-zA-Z0-9_]+)/IMP-(?P<number>[0-9]{4,9})/(?P<token>[-\w]{1,100})/$",
        views.public_status,
        name="improvement-status",
    ),
    re_path(
        r"^feedback/(?P<council>[-a-zA-Z0-9_]+)/IMP-(?P<number>[0-9]{4,9})/(?P<token>[-\w]{1,100})/$",
        views.public_rate,
        name="improvement-rate",
    ),
    path("dashboard/", views.dashboard, name="improvement-dashboard"),
    path("matrix/", views.matrix, name="improvement-matrix"),
    path("matrix/add/", views.matrix_question, name="improvement-matrix-add"),
    path("matrix/<int:pk>/", views.matrix_question, name="improvement-matrix-edit"),
    path("matrix/limits/", views.limits, name="improvement-limits"),
    path("matrix/decision-tree/<int:pk>/", views.decision_node, name="improvement-decision-node"),
    path(
        "matrix/feasibility/add/",
        views.feasibility_question,
        name="improvement-feasibility-question-add",
    ),
    path(
        "matrix/feasibility/<int:pk>/",
        views.feasibility_question,
        name="improvement-feasibility-question-edit",
    ),
    path("import/", views.import_work_list, name="improvement-import"),
    path("self-serve/", views.self_serve, name="improvement-self-serve"),
    path(
        "self-serve/export/<str:fmt>/",
        views.self_serve_export,
        name="improvement-self-serve-export",
    ),
    path("workshops/", views.workshops, name="improvement-workshops"),
    path("training/", views.training, name="improvement-training"),
    path("training/<int:pk>/delegates/add/", views.delegate_add, name="improvement-delegate-add"),
    re_path(IMP + "$", views.improvement_detail, name="improvement-detail"),
    re_path(IMP + "score/$", views.score, name="improvement-score"),
    re_path(IMP + "pathway/$", views.pathway, name="improvement-pathway"),
    re_path(IMP + "feasibility/$", views.feasibility, name="improvement-feasibility"),
    re_path(IMP + "phase-return/$", views.phase_return, name="improvement-phase-return"),
    re_path(IMP + "change-requests/new/$", views.change_request_new, name="improvement-change-new"),
    re_path(
        IMP + r"change-requests/(?P<pk>[0-9]+)/decide/$",
        views.change_request_decide,
        name="improvement-change-decide",
    ),
    re_path(IMP + "sign-off/$", views.sign_off, name="improvement-sign-off"),
    re_path(
        IMP + "sign-off/confirm/$", views.sign_off_confirm, name="improvement-sign-off-confirm"
    ),
    re_path(IMP + "close/$", views.close, name="improvement-close"),
    re_path(IMP + "tags/$", views.tags, name="improvement-tags"),
    re_path(IMP + r"evidence/(?P<pk>[0-9]+)/$", views.evidence_file, name="improvement-evidence"),
]
