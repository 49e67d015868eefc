"""Telegram handlers: each reads like the flow — parse → search → render → reply."""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import re
import time
import zoneinfo
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar
from uuid import uuid4

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from index import Answer, BuildResult, GovqaError
from index.normalize import HAN

from .qlog import QuestionLog
from .render import citation, passage_html, render_html, split_message
from .service import QAService, UploadCheck
from .settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024
TYPING_AFTER = 0.8  # seconds: only a slow answer costs a second request ("typing")
PAGE = 3
_MAX_KEPT_ANSWERS = 2000

GREETING = (
    "您好！我可以回答关于本地政府工作报告的问题，并给出原文出处。\n"
    "直接发送问题即可，例如：消防演练开展了几次？\n\n"
    "目前收录的报告：\n{reports}\n\n"
    "隐私说明：我只统计提问次数；没有答上的问题和标记为 👎 的问题会保存文字，用于改进，"
    "聊天 id 只以不可逆的加密散列保存，{days} 天后删除。/privacy 查看详情。"
)
HELP = (
    "使用方法：\n"
    "· 私聊：直接发送问题\n"
    "· 群组：/ask 问题，或 @我 并提问，或回复我的消息\n"
    "· 行内：在任意聊天输入 @{bot} 问题\n"
    "按钮：更多结果 / 查看原文 / 👍 👎 反馈\n"
    "命令：/start /help /privacy"
)
ADMIN_HELP = "\n管理员：发送 .txt/.docx/.pdf 文件添加报告；/docs 列出报告；/remove 编号 删除；/restore 恢复；/source 编号 网址 设置出处链接；/reindex 重建索引；/stats 统计"
PRIVACY = (
    "我们记录什么：\n"
    "· 每个问题计数一次（是否答上），不含文字；\n"
    "· 没有答上的问题和 👎 的问题：保存问题文字，以及聊天 id 的加密散列（HMAC，无法还原），保留 {days} 天；\n"
    "· 不保存姓名、用户名、电话或位置。"
)
TYPE_PLEASE = "请用文字输入您的问题，例如：消防演练开展了几次？"
SLOW_DOWN = "提问太频繁了，请稍等一分钟再问。"
ADMINS_ONLY = "抱歉，只有管理员可以执行这个操作。"
SOMETHING_WRONG = "抱歉，处理时出了点问题，请稍后再试。"


@dataclass
class Shown:
    """An answer on screen, kept so its buttons work: the question and where the pages are."""

    chat_id: int
    question: str
    passage_ids: list[int]
    offset: int = 0


@dataclass
class BotState:
    """Everything the handlers share, hung off ``application.bot_data``."""

    settings: Settings
    service: QAService
    qlog: QuestionLog
    shown: OrderedDict[str, Shown] = field(default_factory=OrderedDict)
    pending: dict[str, UploadCheck] = field(default_factory=dict)
    removals: dict[str, str] = field(default_factory=dict)
    recent: dict[int, deque[float]] = field(default_factory=dict)

    def remember(self, shown: Shown) -> str:
        key = uuid4().hex[:12]
        self.shown[key] = shown
        while len(self.shown) > _MAX_KEPT_ANSWERS:
            self.shown.popitem(last=False)
        return key

    def allow(self, user_id: int) -> bool:
        """Per-user rate limit: at most ``rate_limit`` questions in any minute."""
        now = time.monotonic()
        times = self.recent.setdefault(user_id, deque())
        while times and now - times[0] > 60:
            times.popleft()
        if len(times) >= self.settings.rate_limit:
            return False
        times.append(now)
        return True


def state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    """The shared state of this application."""
    found: BotState = context.application.bot_data["govqa"]
    return found


def _answer_keyboard(key: str, answer: Answer, offset: int) -> InlineKeyboardMarkup | None:
    if not answer.answered:
        return None
    row = []
    if answer.more:
        row.append(InlineKeyboardButton("更多结果", callback_data=f"more:{key}:{offset + PAGE}"))
    row.append(InlineKeyboardButton("查看原文", callback_data=f"orig:{key}"))
    return InlineKeyboardMarkup([row, [InlineKeyboardButton("👍", callback_data=f"vote:{key}:1"), InlineKeyboardButton("👎", callback_data=f"vote:{key}:-1")]])


async def _typing_if_slow(message: Message, work: Awaitable[T]) -> T:
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=TYPING_AFTER)
    if not done:
        try:
            await message.chat.send_action(ChatAction.TYPING)
        except TelegramError as exc:
            log.debug("typing action failed: %s", exc)
    return await task


async def _send(message: Message, parts: list[str], markup: InlineKeyboardMarkup | None) -> None:
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        await message.reply_html(part, reply_markup=markup if last else None, disable_web_page_preview=True)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """The resident's flow: rate-limit → search → log → render → reply with buttons."""
    st = state(context)
    message = update.effective_message
    user = update.effective_user
    if message is None:
        return
    if user is not None and not st.allow(user.id):
        await message.reply_text(SLOW_DOWN)
        return
    answer, seconds = await _typing_if_slow(message, st.service.ask(question, top=PAGE))
    st.qlog.record(message.chat_id, question, answer.answered)
    extra = {"event": "question", "ms": round(seconds * 1000, 1), "answered": answer.answered}
    if st.settings.log_questions:
        extra["question"] = question
        log.info("question answered=%s in %.1f ms: %s", answer.answered, seconds * 1000, question, extra=extra)
    else:
        log.info("question answered=%s in %.1f ms", answer.answered, seconds * 1000, extra=extra)
    key = st.remember(Shown(message.chat_id, question, [h.passage_id for h in answer.passages]))
    await _send(message, render_html(answer, sources=st.service.sources), _answer_keyboard(key, answer, 0))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, list the reports, offer three example questions."""
    st = state(context)
    reports = st.service.engine.reports
    listing = "\n".join(f"· {r.title}" for r in reports[:20]) + (f"\n… 共 {len(reports)} 份" if len(reports) > 20 else "")
    examples = _examples(st)
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton(q, callback_data=f"ex:{i}")] for i, q in enumerate(examples)])
    if update.effective_message:
        await update.effective_message.reply_text(
            GREETING.format(reports=listing, days=st.settings.retention_days), reply_markup=buttons if examples else None
        )


_FIGURE_CLAUSE_RE = re.compile(rf"^([{HAN}“”、]{{4,16}}?)\d+(?:-\d+)?(?:余|多)?(次|个|份|条|块|张|辆|起|处|场|项|户|幅|所|座)$")


def _examples(st: BotState) -> list[str]:
    """Three questions the newest report answers: its first counted facts, asked back (悬挂横幅多少条？)."""
    engine = st.service.engine
    newest = max(engine.reports, key=lambda r: (r.year or 0, r.doc))
    examples: list[str] = []
    for passage in engine.passages:
        if passage.doc != newest.doc:
            continue
        for clause in re.split(r"[，,；;。：:！？]", engine.tokenizer.normalize(passage.text)):
            match = _FIGURE_CLAUSE_RE.match(clause.strip())
            if match and f"{match.group(1)}多少{match.group(2)}？" not in examples:
                examples.append(f"{match.group(1)}多少{match.group(2)}？")
                if len(examples) == 3:
                    return examples
    return examples


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """How to ask, in private chats, groups and inline."""
    st = state(context)
    text = HELP.format(bot=context.bot.username)
    if update.effective_user and update.effective_user.id in st.settings.admin_ids:
        text += ADMIN_HELP
    if update.effective_message:
        await update.effective_message.reply_text(text)


async def privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say plainly what is logged."""
    if update.effective_message:
        await update.effective_message.reply_text(PRIVACY.format(days=state(context).settings.retention_days))


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    if update.effective_message and update.effective_message.text is not None:
        await answer_question(update, context, update.effective_message.text)


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask 问题 — the way to ask in a group."""
    question = " ".join(context.args or [])
    if not question.strip():
        if update.effective_message:
            await update.effective_message.reply_text("请在 /ask 后面写上问题，例如：/ask 消防演练开展了几次？")
        return
    await answer_question(update, context, question)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups: answer a mention or a reply to the bot, stay quiet otherwise."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    username = f"@{context.bot.username}"
    replied = message.reply_to_message is not None and message.reply_to_message.from_user is not None and message.reply_to_message.from_user.id == context.bot.id
    mentioned = username.lower() in message.text.lower()
    if not (replied or mentioned):
        return
    question = message.text.replace(username, " ").replace(username.lower(), " ").strip()
    await answer_question(update, context, question)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Voice, photos and stickers: ask for typed text."""
    if update.effective_message:
        await update.effective_message.reply_text(TYPE_PLEASE)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons: 更多结果, 查看原文, 👍/👎, example questions, admin confirmations."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    st = state(context)
    kind, _, rest = query.data.partition(":")
    if kind == "ex":
        examples = _examples(st)
        await query.answer()
        index = int(rest) if rest.isdigit() else -1
        if 0 <= index < len(examples) and query.message is not None:
            await answer_question(update, context, examples[index])
        return
    if kind in ("add", "rm"):
        await _confirm_admin(update, context, kind, rest)
        return
    key, _, arg = rest.partition(":")
    shown = st.shown.get(key)
    if shown is None:
        await query.answer("这条回答已过期，请重新提问。", show_alert=True)
        return
    if kind == "more":
        offset = int(arg) if arg.isdigit() else PAGE
        answer, _seconds = await st.service.ask(shown.question, top=PAGE, offset=offset)
        await query.answer()
        if not answer.passages:
            await query.answer("没有更多结果了。")
            return
        shown.offset = offset
        shown.passage_ids = [h.passage_id for h in answer.passages]
        text = render_html(answer, first_number=offset + 1, sources=st.service.sources)[0]
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=_answer_keyboard(key, answer, offset), disable_web_page_preview=True)
    elif kind == "orig":
        await query.answer()
        engine = st.service.engine
        if not shown.passage_ids or query.message is None:
            return
        passage_id = shown.passage_ids[0]
        passage = engine.passages[passage_id]
        head = f"<b>原文</b>（{html.escape(engine.report(passage.doc).title)}）："
        parts = split_message([head, html.escape(engine.paragraph(passage_id))])
        for part in parts:
            await context.bot.send_message(shown.chat_id, part, parse_mode=ParseMode.HTML)
    elif kind == "vote":
        vote = 1 if arg == "1" else -1
        engine = st.service.engine
        doc = engine.passages[shown.passage_ids[0]].doc if shown.passage_ids else ""
        st.qlog.feedback(shown.chat_id, vote, shown.question, doc)
        await query.answer("谢谢反馈！" if vote > 0 else "谢谢，我们会改进。")


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot 问题 in any chat: passages as inline results."""
    query = update.inline_query
    if query is None or not query.query.strip():
        return
    answer, _seconds = await state(context).service.ask(query.query, top=5)
    sources = state(context).service.sources
    results = []
    for rank, hit in enumerate(answer.passages):
        figure = answer.answer if rank == 0 else None
        body = (f"答：<b>{html.escape(figure)}</b>\n" if figure else "") + passage_html(hit, answer.highlights, sources=sources)
        results.append(
            InlineQueryResultArticle(
                id=str(hit.passage_id),
                title=(f"{figure} · " if figure else "") + hit.text[:40],
                description=citation(hit)[:100],
                input_message_content=InputTextMessageContent(body, parse_mode=ParseMode.HTML),
            )
        )
    await query.answer(results, cache_time=60)


# --- admins -------------------------------------------------------------------------------------


async def _require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str) -> bool:
    st = state(context)
    user = update.effective_user
    if user is not None and user.id in st.settings.admin_ids:
        return True
    log.warning("refused %s for non-admin user %s", action, user.id if user else "?")
    # A pressed button is refused on the presser's screen only, not in front of the whole chat.
    if update.callback_query:
        await update.callback_query.answer(ADMINS_ONLY, show_alert=True)
    elif update.effective_message:
        await update.effective_message.reply_text(ADMINS_ONLY)
    return False


def _user_id(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


async def _rebuild(
    st: BotState,
    admin: int,
    action: str,
    detail: str,
    work: Awaitable[BuildResult],
    reply: Callable[[str], Awaitable[object]],
    done: str,
    failed: str,
) -> None:
    """Run an action that rebuilds the index, audit how it went, and tell the admin (with what was skipped)."""
    try:
        result = await work
    except GovqaError as exc:
        st.qlog.audit(admin, f"{action}-failed", f"{detail}: {exc}")
        await reply(f"{failed}：{exc}\n现有报告照常回答。")
        return
    st.qlog.audit(admin, action, detail)
    summary = f"索引已更新：{len(result.reports)} 份报告，{result.passages} 段。"
    if result.skipped:
        summary += "\n跳过：\n" + "\n".join(f"· {doc}：{reason}" for doc, reason in result.skipped)
    await reply(f"{done}\n{summary}" if done else summary)


AdminAction = Callable[[Update, ContextTypes.DEFAULT_TYPE, BotState, Message], Coroutine[Any, Any, None]]
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def admin_command(action: str) -> Callable[[AdminAction], Handler]:
    """Wrap an admin command: refuse (and log) anyone not in GOVQA_ADMIN_IDS, then pass the state and message."""

    def wrap(func: AdminAction) -> Handler:
        @functools.wraps(func)
        async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            if not await _require_admin(update, context, action) or update.effective_message is None:
                return
            await func(update, context, state(context), update.effective_message)

        return handler

    return wrap


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An admin sends a report: check it, then add it (or ask before replacing one)."""
    if not await _require_admin(update, context, "upload"):
        return
    st = state(context)
    message = update.effective_message
    if message is None or message.document is None:
        return
    document = message.document
    name = document.file_name or "report"
    if document.file_size and document.file_size > TELEGRAM_DOWNLOAD_LIMIT:
        await message.reply_text(f"{name} 超过 Telegram 机器人 20 MB 的下载上限，请压缩后再发，或由管理员放入报告文件夹后 /reindex。")
        return
    limit = st.settings.max_upload_mb * 1024 * 1024
    if document.file_size and document.file_size > limit:
        await message.reply_text(f"{name} 超过 {st.settings.max_upload_mb} MB 的上限。")
        return
    telegram_file = await document.get_file()
    content = bytes(await telegram_file.download_as_bytearray())
    try:
        check = await st.service.check_upload(name, content, limit)
    except GovqaError as exc:
        st.qlog.audit(_user_id(update), "upload-refused", f"{name}: {exc}")
        await message.reply_text(f"无法添加这份报告：{exc}\n现有报告照常回答。")
        return
    if check.replaces:
        key = uuid4().hex[:12]
        st.pending[key] = check
        buttons = InlineKeyboardMarkup([[InlineKeyboardButton("替换", callback_data=f"add:{key}:yes"), InlineKeyboardButton("取消", callback_data=f"add:{key}:no")]])
        await message.reply_text(f"已有同名或同标题的报告：{check.replaces}\n要用《{check.meta.title}》替换它吗？", reply_markup=buttons)
        return
    await _add(message, st, check, _user_id(update))


async def _add(message: Message, st: BotState, check: UploadCheck, admin: int) -> None:
    year = f"{check.meta.year}年" if check.meta.year else "未注明年份"
    await _rebuild(
        st, admin, "upload", f"{check.filename} ({check.meta.title})", st.service.add_report(check), message.reply_text,
        done=f"已添加《{check.meta.title}》（{year}），共 {check.passages} 段，现在就可以提问。", failed="添加失败",
    )


async def _confirm_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: str, rest: str) -> None:
    query = update.callback_query
    if query is None or not await _require_admin(update, context, f"confirm-{kind}"):
        return
    st = state(context)
    key, _, choice = rest.partition(":")
    admin = _user_id(update)
    await query.answer()
    if kind == "add":
        check = st.pending.pop(key, None)
        if check is None or query.message is None:
            return
        if choice != "yes":
            st.service.discard(check)
            await query.edit_message_text("已取消，未做更改。")
            return
        await query.edit_message_text(f"正在替换 {check.replaces} …")
        assert isinstance(query.message, Message)
        await _add(query.message, st, check, admin)
        return
    doc = st.removals.pop(key, None)
    if doc is None:
        return
    if choice != "yes":
        await query.edit_message_text("已取消，未删除。")
        return
    await _rebuild(
        st, admin, "remove", doc, st.service.remove(doc), query.edit_message_text,
        done=f"已删除 {doc}（可用 /restore 恢复）。", failed="删除失败",
    )


@admin_command("reindex")
async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState, message: Message) -> None:
    """/reindex: rebuild from the corpus folder while the old index keeps answering."""
    await message.reply_text("正在重建索引，期间照常回答问题…")
    await _rebuild(st, _user_id(update), "reindex", str(st.service.corpus), st.service.reindex(), message.reply_text, done="", failed="重建失败")


@admin_command("docs")
async def docs(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState, message: Message) -> None:
    """/docs: the indexed reports, numbered for /remove."""
    reports = st.service.engine.reports
    lines = [f"{i}. {r.title}（{r.doc}）" for i, r in enumerate(reports, start=1)]
    for part in split_message(["\n".join(lines) or "还没有报告。"]):
        await message.reply_text(part)


@admin_command("remove")
async def remove(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState, message: Message) -> None:
    """/remove N: remove report N (see /docs) after a confirmation."""
    reports = st.service.engine.reports
    arg = (context.args or [""])[0]
    if not arg.isdigit() or not 1 <= int(arg) <= len(reports):
        await message.reply_text(f"用法：/remove 编号（1 到 {len(reports)}，见 /docs）")
        return
    doc = reports[int(arg) - 1].doc
    key = uuid4().hex[:12]
    st.removals[key] = doc
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("删除", callback_data=f"rm:{key}:yes"), InlineKeyboardButton("取消", callback_data=f"rm:{key}:no")]])
    await message.reply_text(f"确定删除《{reports[int(arg) - 1].title}》吗？删除后可用 /restore 恢复。", reply_markup=buttons)


@admin_command("restore")
async def restore(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState, message: Message) -> None:
    """/restore [N]: list removed reports, or put number N back."""
    removed = st.service.removed()
    arg = (context.args or [""])[0]
    if not arg.isdigit() or not 1 <= int(arg) <= len(removed):
        listing = "\n".join(f"{i}. {st.service.removed_doc(p)}" for i, p in enumerate(removed, start=1))
        await message.reply_text(("已删除的报告：\n" + listing + "\n用 /restore 编号 恢复。") if removed else "没有已删除的报告。")
        return
    path = removed[int(arg) - 1]
    doc = st.service.removed_doc(path)
    await _rebuild(st, _user_id(update), "restore", doc, st.service.restore(path), message.reply_text, done=f"已恢复 {doc}。", failed="恢复失败")


@admin_command("source")
async def source(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState, message: Message) -> None:
    """/source N URL: link report N's citations to its page on the government site (/source N clears it)."""
    reports = st.service.engine.reports
    args = context.args or []
    if not args or not args[0].isdigit() or not 1 <= int(args[0]) <= len(reports) or len(args) > 2:
        await message.reply_text(f"用法：/source 编号 网址（编号 1 到 {len(reports)}，见 /docs；不写网址则清除）")
        return
    report = reports[int(args[0]) - 1]
    try:
        st.service.set_source(report.doc, args[1] if len(args) == 2 else None)
    except GovqaError as exc:
        await message.reply_text(f"无法设置：{exc}")
        return
    st.qlog.audit(_user_id(update), "source", f"{report.doc} {args[1] if len(args) == 2 else '(cleared)'}")
    await message.reply_text(f"《{report.title}》的出处" + (f"已设为 {args[1]}" if len(args) == 2 else "已清除"))


@admin_command("stats")
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE, st: BotState, message: Message) -> None:
    """/stats: this week's answered and unanswered questions, the most asked unanswered ones, 👎 count."""
    now = datetime.now(zoneinfo.ZoneInfo(st.settings.tz))
    week_start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    figures = st.qlog.stats(week_start.timestamp())
    lines = [
        f"本周（{week_start:%m-%d} 起）：答上 {figures.answered} 个问题，未答上 {figures.unanswered} 个；👍 {figures.thumbs_up}，👎 {figures.thumbs_down}。"
    ]
    if figures.top_unanswered:
        lines.append("问得最多的未答上问题：")
        lines += [f"· {q}（{n} 次）" for q, n in figures.top_unanswered]
    for part in split_message(["\n".join(lines)]):
        await message.reply_text(part)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its traceback and tell the user something went wrong, never the details."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await update.effective_message.reply_text(SOMETHING_WRONG)
        except TelegramError:
            log.warning("could not tell the user about the error")
