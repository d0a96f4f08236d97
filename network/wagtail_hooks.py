"""The admin's "Network" menu (``network.viewsets``) and the member chooser that case studies use.

Contact messages are written by the site, never by a person: staff only view them.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from network.models import ContactMessage
from network.viewsets import NetworkViewSetGroup, member_chooser_viewset
from website.viewsets import ViewOnlyPermissionPolicy

register_permission_policy(ContactMessage, ViewOnlyPermissionPolicy(ContactMessage))


@hooks.register("register_admin_viewset")
def register_network_menu():
    return NetworkViewSetGroup()


@hooks.register("register_admin_viewset")
def register_member_chooser():
    return member_chooser_viewset
