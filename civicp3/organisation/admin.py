from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from civicp3.organisation import models

for model in (
    models.Council,
    models.Directorate,
    models.ServiceArea,
    models.CorporatePriority,
    models.Board,
    models.BoardMember,
    models.WageRate,
    models.Membership,
):
    admin.site.register(model, SimpleHistoryAdmin)
