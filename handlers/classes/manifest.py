"""The classes feature: setting up a class, joining it, the roster, members and roles, settings, help."""
from handlers.classes import help, joining, members, roster, roster_download, settings, setup
from handlers.core.declarations import ANYONE, Command, Export, Feature, Sub, WaitKind
from models import Role

TEACHER = (Role.teacher,)

FEATURE = Feature(
    name="classes",
    commands=(
        Command("setup", setup.setup, where="group"),  # any group admin; the handler asks the platform
        Command("start", joining.start, where="private", menu=False),
        Command("join", joining.join, where="private", keywords=("加入",)),
        Command("roster", roles=TEACHER, where="private", default="show", subcommands=(
            Sub("show", roster.show_roster, where="private"),
            Sub("add", roster.add_children, where="private"),
            Sub("remove", roster.remove_child, where="private"),
            Sub("import", roster.import_children, where="private"),
            Sub("export", roster.export_roster, where="private"),
        )),
        Command("role", members.change_role, roles=TEACHER),
        Command("settings", settings.settings, roles=TEACHER),
        Command("lang", members.set_language, where="private"),
        Command("leave", members.leave, roles=(Role.parent,), where="private"),
        Command("forgetme", members.forget_me, where="private"),
        Command("help", help.show_help, roles=ANYONE, keywords=("帮助", "help")),
    ),
    buttons={"approve": joining.approve, "reject": joining.reject, "forget": members.forget_confirmed,
             "approve_guardian": joining.approve_guardian, "reject_guardian": joining.reject_guardian,
             "leave": members.leave_confirmed},
    waits=(
        WaitKind(joining.CHILD_NAME, joining.ChildName, joining.child_named, accepts=frozenset({"text"}),
                 prompt="joining.waiting_child_name"),
        WaitKind(roster.ROSTER_FILE, roster.RosterFile, roster.roster_file_sent, accepts=frozenset({"document"}),
                 prompt="roster.waiting_file"),
    ),
    exports=(Export(roster_download.ROSTER, roster_download.roster_list),),
)
