from django.contrib import admin
from django.urls import include, path

from kaoping.api import api
from kaoping.common import views as common_views
from kaoping.common import views_calendar

urlpatterns = [
    path("", common_views.home, name="home"),
    path("audit/", common_views.audit_list, name="audit_list"),
    path("calendar/", views_calendar.calendar_list, name="calendar_list"),
    path("accounts/", include("kaoping.accounts.urls")),
    path("org/", include("kaoping.org.urls")),
    path("positions/", include("kaoping.positions.urls")),
    path("selection/", include("kaoping.selection.urls")),
    path("ballots/", include("kaoping.ballots.urls")),
    path("marking/", include("kaoping.marking.urls")),
    path("assessment/", include("kaoping.assessment.urls")),
    path("attendance/", include("kaoping.attendance.urls")),
    path("annual/", include("kaoping.annual.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

# Uploaded files (photos, evidence) are personal data: they are served only through access-checked views,
# never from MEDIA_URL, in every mode.
