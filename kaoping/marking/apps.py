from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarkingConfig(AppConfig):
    name = "kaoping.marking"
    label = "marking"
    verbose_name = _("笔试面试")
