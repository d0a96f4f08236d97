"""Background work of the following app: the digests, off the request that noticed them due."""

from django_tasks import task


@task()
def send_following_digests_task():
    from following.digest import send_following_digests

    return send_following_digests()
