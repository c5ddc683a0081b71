"""The Simplified Chinese UI phrases of the generated pages: the same page families, keys and
placeholders as generator/phrases/en.py (read its docstring first), worded as a Chinese data
newsroom writes (周度排名, 上周, 环比, 占比, 调用量; "Token" kept in Latin letters, as Chinese
tech media keep it).

- Sentences that state a figure come worded from generator/findings/zh/; numbers and dates are
  formatted by generator/fmt_zh.py. What fills a placeholder is therefore Chinese already:
  ``{week}`` a week span ("2026年3月16日至22日", read "{week}当周"), ``{date}`` a day
  ("2026年3月16日"), ``{count}``, ``{weeks}`` and ``{rank}`` bare integers, ``{tokens}`` a
  figure without its unit ("7.36万亿"), ``{change}`` a signed percentage ("+4.1%"), ``{move}``
  fmt_zh.rank_move_words ("上升2位"), ``{base}``, ``{of_all}`` and ``{of_known}`` a noun
  (fmt_zh.OF_ALL "全部Token", read "占{base}的份额"), ``{demonym}`` fmt_zh.country_models
  ("中国模型"), ``{against}`` the findings' "与……当周相比".
- Chinese punctuation (，。：；（）) in sentences, no space between a Chinese character and a
  digit or a placeholder (the formatters write the numbers), no full stop in a heading, and no
  line break inside a phrase: a browser shows a line break inside a Chinese paragraph as a
  space. tests/test_phrases.py checks each of these.
- Names stay as the source gives them: models, companies, OpenRouter, the file formats, Atom
  and JSON Feed, CC BY 4.0. Markup (``**``, ``[...]({href})``, ``<a href="...">``, inline code)
  is the English phrase's, around Chinese words.
"""

from __future__ import annotations

# Shared by every page family (templates/pages/_macros.md.j2).
SHARED = {
    # The punctuation the templates put between pieces: Chinese marks, no space.
    "sentence_gap": "",
    "full_stop": "。",
    "labelled": "{label}：",
    "mover_item": "{name}：{words}",
    "what_when": "{what}，{when}",
    "site_name": "AI Token 追踪",  # as mkdocs.zh.yml's site_name, which the header shows
    "developer_not_known": "开发者未知",
    "scroll_hint": "左右滑动可查看所有列 →",
    "chart_data_csv": "图表数据（CSV）",
    "col_week": "周",
    "col_rank": "排名",
    "col_model": "模型",
    "col_tokens": "调用量",  # Token调用量, as the findings say it (周调用量)
    "col_company": "公司",
    "col_country": "国家/地区",
    "col_on_the_week": "环比",
    "under_on_the_week": "环比",
    "under_company": "公司",
    "under_country": "国家/地区",
    "col_share_of": "占{base}的份额",
    "short_share": "占比",
    "col_all_tokens": "总调用量",
    "col_number_one": "第一名",
    "col_top50_share_of": "前50名占{base}的份额",
    "short_top50_share": "前50名占比",
    "col_weeks_in_top50": "进入前50名的周数",
    "short_weeks": "周数",
    "col_best_rank": "最高排名",
    "short_best": "最高",
    "col_rank_this_week": "本周排名",
    "short_this_week": "本周",
    "col_last_in_top50": "最近一次进入前50名",
    "under_last_in_top50": "最近一次进入前50名",
    "all_models": "全部模型",
    "week_of": "{week}当周",
    "week_by_week": "逐周数据",
    "models": "模型",
    "companies": "公司",
    "download_the_data": "下载数据",
    "all_weeks": "各周排名",
    "list_prices_link": "[标价能说明什么，不能说明什么]({href})。",  # the Learn page's title
    "estimated_spend_heading": "按标价估计的花费",
    "top_models_caption": "{week}当周调用量最高的{count}个模型",
}

# The Embed / Download / Cite block under every chart (_macros.md.j2: share).
SHARE = {
    "share_summary": "嵌入、下载或引用此图表",
    "share_tab_embed": "嵌入",
    "share_tab_download": "下载",
    "share_tab_cite": "引用",
    "share_latest_html": "<strong>最新一周</strong>，每周更新：",
    "share_frozen_html": "<strong>冻结于{week}当周</strong>，内容不再改变（适合注明日期的报道）：",
    "share_resize_html": ("iframe借助resize脚本自动调整高度。主题、隐私与宿主页面的CSP，见"
                          "<a href=\"{href}\">嵌入本站图表</a>。"),
    "latest_week": "最新一周",
    "frozen_at_week": "冻结于{week}当周",
}

# Contributors' corrections on a page (_macros.md.j2: corrections_note).
CORRECTIONS_NOTE = {
    "corrected_figures": "已更正的数字",
    "correction_item": "**{label}**（{date}）：{what}",
    "correction_one_week": "（{week}当周）",
    "correction_weeks": "（共{count}周，从{first}当周到{last}当周）",
    "evidence": "依据",
    "corrections_log": "更正记录",
}

# Estimated spend at list prices (_macros.md.j2: spend_table); "Token份额" and "花费份额" as the
# findings' spend sentence above the table defines them.
SPEND = {
    "col_share_of_tokens": "Token份额",
    "short_token_share": "Token份额",
    "col_estimated_spend": "估计花费",
    "short_spend": "花费",
    "under_share_of_spend": "花费份额",
    "col_share_of_spend": "花费份额",
    "col_tokens_without_price": "无标价的调用量",
    "short_no_price": "无标价",
}

# The week's movers (templates/pages/_movers.md.j2).
MOVERS = {
    "rank_and_move": "第{rank}名，{move}",
    "tokens_and_change": "{tokens}Token，环比{change}",
    "col_week_before": "上周",
    "col_change": "变化",
    "col_move": "升降",  # a rank's move in places (▲ 2)
    "col_rank_week_before": "上周排名",
    "col_tokens_week_before": "上周调用量",
    "movers_heading": "较上周的变化",
    "movers_first_week": ("这是数据中的第一周，没有更早的一周可供比较：没有模型上升、下降、新上榜"
                          "或跌出榜单。"),
    "movers_first_week_short": "这是数据中的第一周，没有更早的一周可供比较。",
    "movers_explained": ("{against}，调用量增减最多的模型按Token变化量排序，排名升降最多的模型按"
                         "名次变化排序。只在其中一周进入排名的模型，计为新上榜或跌出榜单。"),
    "gained_most": "调用量增加最多",
    "none_gained": "两周均在榜的模型中，没有一个调用量增加。",
    "lost_most": "调用量减少最多",
    "none_lost": "两周均在榜的模型中，没有一个调用量减少。",
    "climbed_most": "排名上升最多",
    "none_climbed": "没有模型排名上升。",
    "dropped_most": "排名下降最多",
    "none_dropped": "没有模型排名下降。",
    "new_this_week": "本周新上榜",
    "new_in_ranking": "新上榜",
    "none_new": "本周没有新上榜的模型。",
    "left_this_week": "本周跌出榜单",
    "none_left": "本周没有模型跌出榜单。",
}

# Home (home.md.j2).
HOME = {
    "home_title": "每周AI模型Token调用量",
    "home_kicker": "{week}当周 · OpenRouter上的Token调用量",
    "home_top10": "本周前10名模型",
    "home_top10_caption": "{week}当周调用量最高的10个模型",
    "full_ranking": "本周完整排名",
    "home_movers": "较上周变化最大",
    "all_changes": "本周全部变化",
    "follow_heading": "关注本站",
    "follow_intro": "在订阅阅读器中接收每一周的新数据，或直接获取数据本身：",
    "follow_weekly": ("[每周简报（Atom）]({atom})或[同样内容的JSON Feed]({json})：每周一条，"
                      "包含当周的主要数字和最大变化。"),
    "follow_corrections": "[更正与重述（Atom）]({atom})：贡献者更正或数据源重述的每一个数字。",
    "follow_data": "[下载数据]({href})：每张表均提供CSV、JSON和Parquet格式。",
}

# Rankings: the index, every week, one week (rankings_index, ranking_weeks, ranking_week).
RANKINGS = {
    "rankings_title": "排行榜",
    "rankings_intro": ("最近一个完整周是**{week}**。模型按当周（周一至周日，UTC）处理的"
                       "Token数排名；OpenRouter前50名以外的模型合并统计，不参与排名。"
                       "[排名是怎样算出来的]({href})。"),
    "top10_moved": "前10名的名次变化",
    "prices_heading": "标价与免费模型",
    "prices_intro": ("每个模型的标价是OpenRouter模型目录中每百万Token的价格，以当周结束时为准："
                     "输入（prompt）Token一个价格，输出（completion）Token一个价格。标价并非任何"
                     "用户的实际支出：各服务商、折扣和缓存各不相同，免费版本则不收费。"
                     "[标价能说明什么，不能说明什么]({href})。"),
    "recent_weeks": "最近几周",
    "every_week_title": "历周一览",
    "every_week_latest": "[排行榜]({href})页面显示最新一周。",
    "week_title": "{week}当周排行榜",
    "week_heading": "{week}当周排行榜",
    "week_days": "按UTC时间，{start}（周一）至{end}（周日）",
    "previous_week": "← 上一周",
    "next_week": "下一周 →",
    "what_changed": "本周有何变化",
    "col_not_ranked": "未排名",
    "outside_caption": "排名以外的调用量及当周总量",
}

# Countries (countries_index.md.j2, country.md.j2).
COUNTRIES = {
    "countries_title": "国家/地区",
    "countries_intro": ("每个模型计入其开发者总部所在的国家或地区，而不是托管它的国家或地区。"
                        "份额均为占{of_known}的份额：即当周总量减去前50名以外的模型，再减去"
                        "开发者未知的上榜模型。"),
    "countries_caption": "{week}当周按模型开发者所在国家/地区统计的调用量",
    "no_country_row": "{no_country}（开发者未知）",
    "countries_spend_caption": "{week}当周按模型开发者所在国家/地区统计的标价估计花费",
    "country_models_heading": "本周模型",
    "country_models_caption": "{week}当周进入前50名的{name}模型",
    "country_history_caption": "{demonym}逐周数据：调用量、占{of_known}的份额及环比变化",
}

# Companies (companies_index.md.j2, company.md.j2).
COMPANIES = {
    "companies_intro": ("一家公司的调用量，是其进入OpenRouter每周前50名的模型的调用量之和。多个"
                        "作者标识可能属于同一家公司，例如`qwen`和`alibaba`都属于阿里巴巴"
                        "（Alibaba）。份额均为占{of_known}的份额：前50名以外的模型，以及开发者"
                        "未知的上榜模型，都不计入。"),
    "companies_caption": "{week}当周各公司的调用量",
    "companies_spend_caption": "{week}当周按公司统计的标价估计花费",
    "everyone_heading": "曾经上榜的所有公司",
    "col_weeks_with_model": "有模型进入前50名的周数",
    "everyone_caption": "曾有模型进入每周前50名的所有公司",
    "company_kicker": "AI模型开发者 · {country}",
    "company_models_caption": "{company}曾进入每周前50名的模型",
    "company_history_caption": "{company}的模型逐周数据：调用量、占{of_known}的份额及环比变化",
}

# Models (models_index.md.j2, model.md.j2).
MODELS = {
    "models_description": "曾进入OpenRouter每周前50名的所有AI模型。",
    "models_intro": ("曾进入OpenRouter每周前50名的所有模型，最近上榜的排在前面。`:free`等变体在"
                     "数据源中是单独的行，因此在本站也算作单独的模型。"),
    "models_caption": ("曾进入每周前50名的所有模型：上榜周数、最高排名、{week}当周排名及"
                       "最近一次上榜"),
    "model_slug": "OpenRouter标识：",
    "model_company": "公司：",
    "model_country": "国家/地区：",
    "model_family": "系列：",
    "model_open_weights": "开放权重：",
    "yes": "是",
    "no": "否",
    "model_weeks": "进入前50名的周数：",
    "model_best_rank": "{weeks}周（最高排名第{best}名）",
    "model_in_catalogue": "在OpenRouter模型目录中：",
    "not_in_catalogue": "否（已下线或为匿名模型）",
    "model_list_price": "标价：",
    "model_price": "每百万输入Token为{prompt}，每百万输出Token为{completion}",
    "model_price_free": "（免费）",
    "model_price_as_of": "，据OpenRouter模型目录截至{date}的数据（[标价能说明什么]({href})）",
    "model_price_unknown": ("{week}当周未知（OpenRouter模型目录中没有可用的价格；"
                            "[标价能说明什么]({href})）"),
    "no_country_note_title": "国家未知",
    "no_country_note": ("该模型的开发者不在登记表中（可能是匿名模型，也可能是我们尚未收录的"
                        "实验室），因此其调用量不计入任何国家：国家和公司的份额均为占{of_known}的份额，"
                        "不含这些调用量。"),  # one line: the template indents an admonition's body
    "model_shares": "份额均为占当周{of_all}的份额，前50名以外的模型也计算在内。",
    "model_history_caption": "{name}逐周数据：排名、调用量、占{of_all}的份额及环比变化",
}

# Data and the corrections log (data.md.j2, revisions.md.j2).
DATA = {
    "data_title": "数据",
    "data_description": ("下载本站每张图表背后的每周数据表（CSV、JSON、Parquet），以及许可与"
                         "引用方式。"),
    "data_intro": ("本站的每个数字都来自这些数据表{sample}。数据表涵盖{weeks}个完整周，每周为"
                   "{span}，从{first}当周到{last}当周，数据截至{as_of}。"),
    "data_intro_sample": "（基于项目自带的**示例数据——并非真实数字**）",
    "downloads_heading": "下载（第1版）",
    "col_table": "表",
    "col_rows": "行数",
    "downloads_caption": "可下载的数据表，每张表三种格式",
    "datapackage_html": ("<a href=\"{href}\">数据包描述文件</a>（Frictionless "
                         "`datapackage.json`）说明了每个文件和每一列。在`v1`版本内，列只会增加，"
                         "不会改名或删除。Token列为精确的整数；份额和变化为小数（0.569表示56.9%），"
                         "最多六位小数，无定义时为空。"),
    "col_column": "列",
    "col_type": "类型",
    "under_type": "类型",
    "col_meaning": "含义",
    "columns_caption": "{table}的各列",
    "licence_heading": "许可",
    "licence": ("数据来自OpenRouter的公开排名，采用"
                "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.zh-hans)许可。"
                "只要注明出处，即可重复使用，包括用于商业用途。这些数据表供分析、报道和可视化"
                "使用，并非查询API。"),
    "cite_heading": "如何引用",
    "cite_line": "{source}表格整理：AI Token 追踪。",
    "cite_weeks": ("请注明所引用的一周（或几周）以及数据的截至日期：OpenRouter可能重述最近几周的"
                   "数据，最新的数字会取代旧的数字。"),
}

REVISIONS = {
    "revisions_title": "更正与修订",
    "revisions_description": ("贡献者对数据所做的每一项更正，以及我们首次发布后数据源重述过的"
                              "每一周。"),
    "revisions_intro_html": (
        "数字发生变化有两种原因，均在此列出，最新的在前：一是贡献者在经过审核的拉取请求中所做的"
        "**更正**（改了什么、为什么改、依据是什么），二是数据源自身的**重述**。同样的列表也见于"
        "<a href=\"{corrections_csv}\">corrections.csv</a>和"
        "<a href=\"{revisions_csv}\">revisions.csv</a>。"
        "如需报告或修正数据错误，请<a href=\"{issue}\">提交issue</a>，或在"
        "<a href=\"{repo}\">本项目的代码仓库</a>中提交拉取请求：仓库中的"
        "<a href=\"{contributing}\">CONTRIBUTING.md</a>说明了每一步。"),
    "status_open": "尚未报告给数据源",
    "status_reported": "已报告给数据源",
    "status_fixed_upstream": "数据源已修正",
    "corrections_heading": "更正",
    "correction_heading": "{date}：{label}，{target}",
    "correction_what": "内容：",
    "correction_in_week": "涉及[{week}当周]({href})",
    "correction_in_weeks": "涉及{first}当周到{last}当周",
    "weekly_row": "{count}个周数据行",
    "weekly_rows": "{count}个周数据行",
    "tokens_before_after": "，Token数由{before}改为{after}",
    "correction_why": "原因：",
    "correction_evidence": "依据：",
    "correction_status": "状态：",
    "correction_credit": "发现者：",
    "correction_id": "编号：",
    "no_corrections": "目前尚无更正。",
    "restatements_heading": "数据源的重述",
    "restatements_intro": ("OpenRouter会在数据刷新时重新计算最近几周。当我们已有的某一周再次"
                           "发布时数字有所不同，我们会保留旧快照，发布最新数字，并在此列出每一个有变化的数字，"
                           "最新的在前，按新数字的截至日期分组。"),
    "restated_heading": "截至{date}的数字",
    "col_before": "重述前",
    "col_after": "重述后",
    "restated_caption": "按截至{date}的数字重述的调用量，取代此前截至{dates}的数字",
    "list_separator": "、",
    "no_restatements": "目前尚无被重述的周。",
}

# The data-status banner on every page (data_status.html.j2; its dates from build.py).
DATA_STATUS = {
    "status_sample_html": ("<strong>{notice}。</strong>这是项目自带的示例数据集，日期为{updated}，"
                           "并非OpenRouter的数字，也不会更新。"),
    "status_stale_html": ("<strong>数据可能已过时：</strong>最近更新于{updated}；最新发布的"
                          "一周为{week}"),
    "status_next_due": "；下次更新预计在{next}",
    "status_updated": "更新于{updated} · 最新一周：{week}",
    "status_updated_next_due": " · 下次更新预计在{next}",
}

# The embed pages (templates/embeds/page.html.j2) and their cards (embeds/write.py).
EMBED = {
    "html_lang": "zh-Hans",  # the pages' lang attribute (BCP 47), as the Chinese edition's pages
    "chart_credit": "图表：{link}",
    "get_the_data": "获取数据",
}

FAMILIES = (SHARED, SHARE, CORRECTIONS_NOTE, SPEND, MOVERS, HOME, RANKINGS, COUNTRIES, COMPANIES,
            MODELS, DATA, REVISIONS, DATA_STATUS, EMBED)
