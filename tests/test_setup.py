"""Setting up with buttons, deep links and /share, through the fake Bot API: callback
queries handed to the real Application, the keyboard message edited at each step."""

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot import messages
from bot.chat import buttons, links
from bot.chat.arguments import Subscribe
from bot.chat.buttons import Action, Press, Refusal, Refused
from bot.messages import setup as texts
from core.limits import COMMANDS_PER_WINDOW
from core.scores import score_choices
from db import chats
from tests.conftest import Chat, add_chat, running, settings_for, table_rows
from tests.fakes.telegram import FakeTelegram, SentMessage

pytestmark = pytest.mark.usefixtures("in_english")  # the tests render expected texts themselves

GROUP = -100888
ADMIN, MEMBER = 4242, 5151
KNOWN = frozenset({"stem", "cec", "healthcare", "senior-managers", "general"})
FLOW = "0123abcd"


def sessions_of(app: Application) -> async_sessionmaker[AsyncSession]:
    return app.bot_data.sessions  # type: ignore[no-any-return]


async def held(app: Application, chat_id: int) -> list[tuple[str, int | None]]:
    async with sessions_of(app)() as session:
        return [(s.category, s.max_crs) for s in await chats.subscriptions_of(session, chat_id)]


def button(message: SentMessage, text: str) -> str:
    """The callback data of the button labelled ``text``."""
    found = [data for label, data in message.buttons if label == text]
    assert found, (text, message.buttons)
    return found[0]


async def open_setup(chat: Chat) -> SentMessage:
    """/subscribe alone: the category keyboard."""
    await chat.send("/subscribe")
    picker = chat.last_message()
    assert picker.text == texts.PICK_CATEGORY()
    return picker


async def test_a_user_subscribes_to_stem_at_490_with_four_taps(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    await user.send("/start")
    welcome = user.last_message()
    assert welcome.buttons == [("Set up alerts", "su:new")]
    assert "text" not in await user.press(welcome, "su:new")  # tap 1

    picker = user.last_message()
    assert picker.message_id != welcome.message_id
    assert picker.text == texts.PICK_CATEGORY()
    labels = [label for label, _data in picker.buttons]
    assert labels[0] == "All draws" and "STEM occupations" in labels and labels[-1] == "Cancel"
    await user.press(picker, button(picker, "STEM occupations"))  # tap 2

    scores = telegram.current(picker)
    assert scores.text.startswith("STEM occupations draws and all-program draws.")
    offered = [label for label, _data in scores.buttons]
    assert offered == [
        "470 or lower",
        "480 or lower",
        "490 or lower",
        "500 or lower",
        "510 or lower",
        "Any score",
        "Type my score",
        "Cancel",
    ]  # fmt: skip  -- around STEM's last cut-offs: 491, 481, 486
    await user.press(scores, button(scores, "490 or lower"))  # tap 3

    confirm = telegram.current(picker)
    assert confirm.text == (
        "Get STEM occupations draws and all-program draws with a cut-off of 490 or lower?"
    )
    assert await held(app, user.id) == []  # nothing stored before the last step
    await user.press(confirm, button(confirm, "Confirm"))  # tap 4

    done = telegram.current(picker)
    assert done.text == messages.subscribed("stem", 490, None)  # as /subscribe stem 490 says
    assert done.buttons == []
    assert await held(app, user.id) == [("stem", 490)]
    assert len([edit for edit in telegram.edits if edit.message_id == picker.message_id]) == 3
    assert len(telegram.callback_answers) == 4


async def test_all_draws_at_any_score_and_a_cancelled_setup(app: Application, user: Chat) -> None:
    picker = await open_setup(user)
    await user.press(picker, button(picker, "All draws"))
    scores = user.telegram.current(picker)
    assert scores.text.startswith("Every draw.")
    await user.press(scores, button(scores, "Any score"))
    confirm = user.telegram.current(picker)
    assert confirm.text == "Get every draw, whatever the cut-off?"
    await user.press(confirm, button(confirm, "Confirm"))
    assert await held(app, user.id) == [("all", None)]

    again = await open_setup(user)
    await user.press(again, button(again, "Cancel"))
    assert user.telegram.current(again).text == texts.CANCELLED()
    assert await held(app, user.id) == [("all", None)]


async def test_a_typed_score_is_read_like_the_command_reads_it(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    picker = await open_setup(user)
    await user.press(picker, button(picker, "STEM occupations"))
    await user.press(picker, button(telegram.current(picker), "Type my score"))
    asking = telegram.current(picker)
    assert asking.text == texts.type_score()
    assert [label for label, _data in asking.buttons] == ["Cancel"]

    assert await user.ask("lots") == messages.bad_score("lots")
    assert await user.ask("5000") == messages.bad_score("5000")
    await user.send("463")
    confirm = telegram.current(picker)
    assert confirm.text.endswith("with a cut-off of 463 or lower?")
    await user.press(confirm, button(confirm, "Confirm"))
    assert await held(app, user.id) == [("stem", 463)]

    before = len(telegram.messages_to(user.id))
    await user.send("470")  # no set-up is waiting for a score: a plain message, no answer
    assert len(telegram.messages_to(user.id)) == before


async def test_stale_and_forged_buttons_change_nothing(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    picker = await open_setup(user)
    stem = button(picker, "STEM occupations")
    await user.press(picker, stem)
    scores = telegram.current(picker)
    flow = button(scores, "490 or lower").split(":")[1]
    stored, edits = await table_rows(sessions_of(app)), len(telegram.edits)

    refused = {
        stem: Refusal.OUT_OF_DATE,  # a step already passed
        f"su:{flow}:ok": Refusal.OUT_OF_DATE,  # a step not reached
        "su:ffffffff:s:490": Refusal.OUT_OF_DATE,  # another set-up's
        f"su:{flow}:s:5000": Refusal.UNREADABLE,  # out of range
        f"su:{flow}:c:nonexistent": Refusal.CATEGORY_GONE,
        "su:new:extra": Refusal.UNREADABLE,
        "delete everything": Refusal.UNREADABLE,
        "": Refusal.UNREADABLE,
    }
    for data, reason in refused.items():
        answer = await user.press(scores, data)
        assert answer.get("text") == buttons.answer(reason), data
    assert await table_rows(sessions_of(app)) == stored
    assert len(telegram.edits) == edits
    assert telegram.current(picker).text == scores.text

    await user.press(scores, button(scores, "490 or lower"))
    confirm = telegram.current(picker)
    await user.press(confirm, button(confirm, "Confirm"))
    answer = await user.press(confirm, button(confirm, "Confirm"))  # a second tap
    assert answer["text"] == buttons.answer(Refusal.OUT_OF_DATE)
    assert await held(app, user.id) == [("stem", 490)]


async def test_buttons_reach_the_same_limit_as_the_command(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    keys = ["cec", "fsw", "fst", "pnp", "french", "healthcare", "trade", "transport", "general"]
    await add_chat(sessions_of(app), user.id, *[(key, None) for key in [*keys, "education"]])
    picker = await open_setup(user)
    await user.press(picker, button(picker, "STEM occupations"))
    await user.press(picker, button(telegram.current(picker), "Any score"))
    await user.press(picker, button(telegram.current(picker), "Confirm"))
    assert telegram.current(picker).text == messages.too_many(chats.MAX_SUBSCRIPTIONS_PER_CHAT)
    assert ("stem", None) not in await held(app, user.id)


async def test_in_a_group_only_administrators_press(
    app: Application, telegram: FakeTelegram
) -> None:
    telegram.non_admins.add(MEMBER)
    admin = Chat(telegram, GROUP, "supergroup", application=app, user_id=ADMIN)
    member = Chat(telegram, GROUP, "supergroup", application=app, user_id=MEMBER)
    picker = await open_setup(admin)
    edits = len(telegram.edits)
    answer = await member.press(picker, button(picker, "STEM occupations"))
    assert answer["text"] == buttons.answer(Refusal.ADMINS_ONLY)
    assert len(telegram.edits) == edits

    await admin.press(picker, button(picker, "STEM occupations"))
    await admin.press(picker, button(telegram.current(picker), "Type my score"))
    prompt = admin.last_message()  # a group shows the bot only replies: it asks for one
    assert prompt.text == texts.type_score()
    assert prompt.params["reply_markup"]["force_reply"] is True
    await member.send("300")  # not the one asked
    await admin.send("480")
    confirm = telegram.current(picker)
    answer = await member.press(confirm, button(confirm, "Confirm"))
    assert answer["text"] == buttons.answer(Refusal.ADMINS_ONLY)
    await admin.press(confirm, button(confirm, "Confirm"))
    assert await held(app, GROUP) == [("stem", 480)]


async def test_subscriptions_have_a_button_to_remove_each(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    await add_chat(sessions_of(app), user.id, ("stem", 490), ("cec", None), ("all", 450))
    await user.send("/subscriptions")
    listing = user.last_message()
    assert listing.buttons == [
        ("Remove every draw", "rm:all"),
        ("Remove Canadian Experience Class", "rm:cec"),
        ("Remove STEM occupations 490", "rm:stem"),
    ]
    answer = await user.press(listing, "rm:stem")
    assert answer["text"] == texts.REMOVED()
    after = telegram.current(listing)
    assert "STEM" not in after.text and "cec" in after.text
    assert [data for _label, data in after.buttons] == ["rm:all", "rm:cec"]
    assert await held(app, user.id) == [("all", 450), ("cec", None)]

    edits = len(telegram.edits)
    answer = await user.press(listing, "rm:stem")  # pressed again, from an older copy
    assert answer["text"] == buttons.answer(Refusal.ALREADY_REMOVED)
    assert len(telegram.edits) == edits
    await user.press(listing, "rm:all")
    await user.press(listing, "rm:cec")
    emptied = telegram.current(listing)
    assert emptied.text == messages.subscription_list([]) and emptied.buttons == []


async def test_buttons_and_a_deep_link_over_long_polling(
    telegram: FakeTelegram, database: str, history: None
) -> None:
    """The service as it runs: presses and /start payloads come through getUpdates."""
    async with running(settings_for(telegram, database)) as application:
        user = Chat(telegram, 1001)
        await user.ask("/subscribe")
        picker = user.last_message()
        await user.press(picker, button(picker, "STEM occupations"))
        await user.press(picker, button(telegram.current(picker), "490 or lower"))
        await user.press(picker, button(telegram.current(picker), "Confirm"))
        assert telegram.current(picker).text == messages.subscribed("stem", 490, None)
        friend = Chat(telegram, 2002)
        assert await friend.ask("/start healthcare-470") == messages.subscribed(
            "healthcare", 470, None
        )
        assert await held(application, user.id) == [("stem", 490)]
        assert await held(application, friend.id) == [("healthcare", 470)]


@pytest.mark.parametrize(
    ("payload", "subscription"),
    [
        ("stem-490", ("stem", 490)),
        ("all", ("all", None)),
        ("stem", ("stem", None)),
        ("490", ("all", 490)),
        ("healthcare-470", ("healthcare", 470)),
    ],
)
async def test_a_deep_link_subscribes_in_one_tap(
    app: Application, user: Chat, payload: str, subscription: tuple[str, int | None]
) -> None:
    said = await user.ask(f"/start {payload}")
    assert said == messages.subscribed(*subscription, None)
    assert await held(app, user.id) == [subscription]


@pytest.mark.parametrize("payload", ["nonsense", "stem-9999", "stem-490-x", "st%20em", "a" * 70])
async def test_a_malformed_deep_link_gets_the_ordinary_welcome(
    app: Application, user: Chat, payload: str
) -> None:
    assert await user.ask(f"/start {payload}") == messages.start()
    assert user.last_message().buttons == [("Set up alerts", "su:new")]
    assert await held(app, user.id) == []


async def test_share_gives_a_link_for_each_subscription(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    bot_link = f"https://t.me/{telegram.bot_username}"
    assert await user.ask("/share") == texts.SHARE_NOTHING(link=bot_link)
    await add_chat(
        sessions_of(app), user.id, ("stem", 490), ("all", None), ("senior-managers", 480)
    )
    shared = await user.ask("/share")
    assert shared.splitlines() == [
        texts.SHARE(),
        f"• every draw: {bot_link}?start=all",
        f"• Senior managers with Canadian work experience draws with a cut-off of 480 or lower: "
        f"{bot_link}?start=senior-managers-480",
        f"• STEM occupations draws with a cut-off of 490 or lower: {bot_link}?start=stem-490",
    ]
    # each link, opened by someone else, sets up the same subscription
    friend = Chat(telegram, 2002, application=app)
    for line in shared.splitlines()[1:]:
        await friend.send(f"/start {line.rsplit('?start=', 1)[1]}")
    assert await held(app, friend.id) == await held(app, user.id)


PRESSES: list[tuple[str, Press | Refusal]] = [
    ("su:new", Press(Action.BEGIN)),
    ("su:0123abcd:c:stem", Press(Action.CATEGORY, FLOW, category="stem")),
    ("su:0123abcd:c:all", Press(Action.CATEGORY, FLOW, category="all")),
    ("su:0123abcd:c:senior-managers", Press(Action.CATEGORY, FLOW, category="senior-managers")),
    ("su:0123abcd:s:490", Press(Action.SCORE, FLOW, score=490)),
    ("su:0123abcd:s:0", Press(Action.SCORE, FLOW, score=0)),
    ("su:0123abcd:s:1200", Press(Action.SCORE, FLOW, score=1200)),
    ("su:0123abcd:s:any", Press(Action.SCORE, FLOW)),
    ("su:0123abcd:own", Press(Action.OWN_SCORE, FLOW)),
    ("su:0123abcd:ok", Press(Action.CONFIRM, FLOW)),
    ("su:0123abcd:x", Press(Action.CANCEL, FLOW)),
    ("rm:stem", Press(Action.REMOVE, category="stem")),
    ("rm:physicians", Press(Action.REMOVE, category="physicians")),  # the chat's, if any
    ("su:0123abcd:c:physicians", Refusal.CATEGORY_GONE),  # no such draw stored
    ("su:0123abcd:s:1201", Refusal.UNREADABLE),
    ("su:0123abcd:s:-1", Refusal.UNREADABLE),
    ("su:0123abcd:s:49O", Refusal.UNREADABLE),
    ("su:0123abcd:s:", Refusal.UNREADABLE),
    ("su:0123ABCD:ok", Refusal.UNREADABLE),
    ("su:0123abc:ok", Refusal.UNREADABLE),
    ("su:0123abcd:c:STEM", Refusal.UNREADABLE),
    ("su:0123abcd:c:../stem", Refusal.UNREADABLE),
    ("su:0123abcd:go", Refusal.UNREADABLE),
    ("su:0123abcd:ok:more", Refusal.UNREADABLE),
    ("rm:", Refusal.UNREADABLE),
    ("rm:stem:490", Refusal.UNREADABLE),
    ("xx:0123abcd:ok", Refusal.UNREADABLE),
    ("", Refusal.UNREADABLE),
    (None, Refusal.UNREADABLE),
]


@pytest.mark.parametrize(("data", "expected"), PRESSES)
def test_callback_data_is_read_like_typed_input(data: Any, expected: Press | Refusal) -> None:
    if isinstance(expected, Refusal):
        with pytest.raises(Refused) as refused:
            buttons.parse_press(data, KNOWN)
        assert refused.value.reason is expected
    else:
        assert buttons.parse_press(data, KNOWN) == expected
        assert buttons.data(expected) == data  # what the bot writes, it reads back
        assert len(data.encode()) <= 64


PAYLOADS: list[tuple[str, Subscribe | None]] = [
    ("stem-490", Subscribe("stem", 490)),
    ("all", Subscribe("all", None)),
    ("stem", Subscribe("stem", None)),
    ("490", Subscribe("all", 490)),
    ("healthcare-470", Subscribe("healthcare", 470)),
    ("senior-managers-490", Subscribe("senior-managers", 490)),  # a key with a hyphen
    ("senior-managers", Subscribe("senior-managers", None)),
    ("all-480", Subscribe("all", 480)),
    ("STEM-490", Subscribe("stem", 490)),
    ("health-470", Subscribe("healthcare", 470)),  # an alias, as /subscribe takes it
    ("senior_managers-480", Subscribe("senior-managers", 480)),
    ("0", Subscribe("all", 0)),
    ("stem-1201", None),
    ("490-stem", None),
    ("nonsense", None),
    ("-490", None),
    ("stem-490-500", None),
    ("stem 490", None),
    ("stem.490", None),
    ("", None),
    ("s" * 65, None),
]


@pytest.mark.parametrize(("payload", "expected"), PAYLOADS)
def test_deep_link_payloads(payload: str, expected: Subscribe | None) -> None:
    assert links.parse_payload(payload, KNOWN) == expected
    if expected is not None:
        written = links.payload(expected.category, expected.max_crs)
        assert written is not None and links.parse_payload(written, KNOWN) == expected


@pytest.mark.parametrize(
    ("cutoffs", "choices"),
    [
        ([491, 481, 486], [470, 480, 490, 500, 510]),  # STEM: median 486, rounded up
        ([516, 518, 514, 415], [500, 510, 520, 530, 540]),  # the three newest count
        ([485], [470, 480, 490, 500, 510]),  # halves round up, as people round
        ([None, 430, None], [410, 420, 430, 440, 450]),  # a draw without a known cut-off
        ([], [470, 480, 490, 500, 510]),  # no draw yet: around the usual cut-offs
        ([5], [0, 10, 20, 30]),  # never below 0
        ([1199], [1180, 1190, 1200]),  # nor above the highest score
    ],
)
def test_score_choices_sit_around_recent_cutoffs(
    cutoffs: list[int | None], choices: list[int]
) -> None:
    assert score_choices(cutoffs) == choices


async def test_presses_count_against_the_same_limit_as_commands(
    app: Application, telegram: FakeTelegram, user: Chat
) -> None:
    picker = await open_setup(user)  # one command
    stem = button(picker, "STEM occupations")
    for _ in range(COMMANDS_PER_WINDOW - 1):  # presses of a button already out of date
        await user.press(picker, "su:ffffffff:s:490")
    stored, edits = await table_rows(sessions_of(app)), len(telegram.edits)
    answer = await user.press(picker, stem)  # over the limit: told, and nothing done
    assert answer.get("text") == messages.TOO_FAST()
    assert await table_rows(sessions_of(app)) == stored and len(telegram.edits) == edits
