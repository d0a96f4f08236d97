"""Connects mentoring to the rest of the site (called from ``LearningConfig.ready``)."""


def connect():
    from learning.completion import register_mentoring_hours
    from learning.members import mentoring_data
    from learning.mentoring.dashboard import mentoring_panel
    from learning.mentoring.hours import mentoring_hours
    from learning.mentoring.moderation import register_queues
    from website.dashboard import register_dashboard_panel
    from website.demo_loader import register_demo_step
    from website.personal_data import register_personal_data

    register_mentoring_hours(mentoring_hours)
    register_dashboard_panel("mentoring", mentoring_panel, order=24)
    register_personal_data("mentoring", mentoring_data)
    register_demo_step("learning.mentoring.demo.load")
    register_queues()
