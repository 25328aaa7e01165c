// Unit tests of the local engine's pure parts: text normalisation, instruction parsing,
// label scoring and the parse cache.
#include <gtest/gtest.h>

#include "grounding/local/match/fuzzy.h"
#include "grounding/local/match/instruction.h"
#include "grounding/local/match/matcher.h"
#include "grounding/local/parse_cache.h"
#include "test_vocabulary.h"

namespace humain::local {
namespace {

Instruction parse(std::string_view text) { return parse_instruction(text, test_vocabulary()); }

// A line of bare text read by OCR.
ScreenElement text_line(std::string text, Box box) {
  ScreenElement e;
  e.text = std::move(text);
  e.box = e.text_box = box;
  e.words = {{e.text, box}};
  e.confidence = 0.96;
  return e;
}

TEST(Fuzzy, NormalizesPunctuationAndCase) {
  EXPECT_EQ(normalize_text("  Sign-In…  NOW! "), "sign in now");
  EXPECT_EQ(normalize_text("Don't save"), "dont save");
  EXPECT_EQ(tokenize("File > Save As..."), (std::vector<std::string>{"file", "save", "as"}));
}

TEST(Fuzzy, KeepsLettersOfOtherScriptsAndJoinsCjkRuns) {
  EXPECT_EQ(normalize_text("Café • öffnen"), "café öffnen");  // non-ASCII letters keep their case
  EXPECT_EQ(normalize_text("设 置"), "设置");                 // OCR spaces between ideographs
  EXPECT_EQ(normalize_text("查看我的音乐DNA"), "查看我的音乐dna");
  EXPECT_EQ(normalize_text("设置， 帮助"), "设置 帮助");      // punctuation still separates
  EXPECT_EQ(tokenize("Open settings (设置)"), (std::vector<std::string>{"open", "settings", "设置"}));
  EXPECT_TRUE(has_cjk("Open 微信"));
  EXPECT_FALSE(has_cjk("Open Café"));
  EXPECT_EQ(normalize_text(std::string("a\xff\xe8" "b")), "a b");  // broken UTF-8 separates words
}

TEST(Instruction, CjkLabelIsWhatTheScreenShows) {
  auto i = parse("Open settings (设置)");
  EXPECT_EQ(i.label_words, (std::vector<std::string>{"设置"}));
  ScreenParse p;
  p.width = 720;
  p.height = 1280;
  p.elements = {text_line("设置", {40, 600, 100, 630}), text_line("Settings help", {40, 100, 300, 130})};
  auto m = match_instruction(p, i, 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 0);
}

TEST(Matcher, AppIconCaptionAnswersIconAndCaption) {
  ScreenParse p;
  p.width = 1080;
  p.height = 2400;
  ScreenElement icon;
  icon.role = ElementRole::kIcon;
  icon.box = {100, 300, 200, 400};
  icon.icon_guesses = {{"settings", 0.7}};
  p.elements = {text_line("Settings", {110, 410, 190, 440}), icon, text_line("Settings of the page", {300, 1000, 700, 1030})};
  auto m = match_instruction(p, parse("Open Settings"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->box, (Box{100, 300, 200, 440}));  // the icon with its caption
  // A caption far below the icon is not its caption.
  p.elements[0] = text_line("Settings", {110, 600, 190, 630});
  m = match_instruction(p, parse("Open Settings"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->box, (Box{110, 600, 190, 630}));
}

TEST(Instruction, TurnOnNamesASwitch) {
  auto i = parse("Turn on Follow System Style");
  ASSERT_TRUE(i.role.has_value());
  EXPECT_EQ(*i.role, ElementRole::kCheckbox);
  EXPECT_EQ(i.label_words, (std::vector<std::string>{"follow", "system", "style"}));
  // "Switch to X" moves somewhere; "the Wi-Fi switch" is the control.
  EXPECT_FALSE(parse("Switch to the Notepad window on the taskbar").role.has_value());
  EXPECT_EQ(parse("the Wi-Fi switch").role, ElementRole::kCheckbox);
}

TEST(Fuzzy, ForgivesOcrConfusions) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  EXPECT_DOUBLE_EQ(similarity("settings", "settings"), 1.0);
  EXPECT_GT(similarity("file", "fi1e"), 0.99);       // l read as 1
  EXPECT_GT(similarity("modern", "modem"), 0.99);    // m read as rn
  EXPECT_LT(similarity("save", "cancel"), 0.5);
}

TEST(Instruction, StripsVerbsAndKeepsLabel) {
  auto i = parse("Click the Submit button");
  EXPECT_EQ(i.label_words, (std::vector<std::string>{"submit"}));
  ASSERT_TRUE(i.role.has_value());
  EXPECT_EQ(*i.role, ElementRole::kButton);
  // "in" in a label survives verb stripping because it is not leading.
  EXPECT_EQ(parse("select Sign in").label_words, (std::vector<std::string>{"sign", "in"}));
}

TEST(Instruction, RolesIconsPositionsAndRelations) {
  auto f = parse("the Email address field");
  EXPECT_EQ(*f.role, ElementRole::kField);
  EXPECT_EQ(f.label_words, (std::vector<std::string>{"email", "address"}));

  auto x = parse("close the window");
  ASSERT_FALSE(x.icon_concepts.empty());
  EXPECT_EQ(x.icon_concepts[0].name, "close");

  auto p = parse("click the search icon in the top right corner");
  ASSERT_FALSE(p.icon_concepts.empty());
  EXPECT_EQ(p.icon_concepts[0].name, "search");
  EXPECT_EQ(p.vertical, -1);
  EXPECT_EQ(p.horizontal, 1);

  auto r = parse("the field below Password");
  EXPECT_EQ(r.relation, Relation::kBelow);
  EXPECT_EQ(r.anchor_words, (std::vector<std::string>{"password"}));

  auto q = parse("press \"Save as\" now");
  EXPECT_TRUE(q.quoted);
  EXPECT_EQ(q.label_words, (std::vector<std::string>{"save", "as"}));

  EXPECT_EQ(parse("open the second tab").ordinal, 2);
  EXPECT_EQ(*parse("Under $50 radio button").role, ElementRole::kCheckbox);
  EXPECT_EQ(*parse("the Search button").role, ElementRole::kButton);
}

TEST(Instruction, PlacesAndVerbOnlyLabels) {
  EXPECT_EQ(parse("click Help in the menu").label_words, (std::vector<std::string>{"help"}));
  EXPECT_EQ(parse("pick Save from the toolbar").label_words, (std::vector<std::string>{"save"}));
  EXPECT_EQ(parse("View menu").label_words, (std::vector<std::string>{"view", "menu"}));
  EXPECT_EQ(parse("main menu").label_words, (std::vector<std::string>{"main", "menu"}));
  EXPECT_EQ(parse("open the menu").label_words, (std::vector<std::string>{"menu"}));
  // A position word alone after the verbs is an option's label.
  auto right = parse("choose Right");
  EXPECT_EQ(right.label_words, (std::vector<std::string>{"right"}));
  EXPECT_EQ(right.horizontal, 0);
  EXPECT_EQ(parse("click the button on the right").horizontal, 1);
  // Every word is a verb: the last one is what to click.
  EXPECT_EQ(parse("open View").label_words, (std::vector<std::string>{"view"}));
}

TEST(Matcher, MenuBarItemsAnswerTheirOwnWords) {
  // OCR read a menu bar as lines whose enclosing frame is the whole bar.
  ScreenParse p;
  p.width = 1280;
  p.height = 800;
  const Box bar{640, 300, 1280, 322};
  const auto item = [&](std::string text, std::vector<std::pair<std::string, Box>> words) {
    ScreenElement e;
    e.text = std::move(text);
    e.role = ElementRole::kButton;
    e.box = bar;
    e.text_box = words.front().second;
    for (const auto& [w, b] : words) {
      e.words.push_back({w, b});
      e.text_box = {std::min(e.text_box.x1, b.x1), b.y1, std::max(e.text_box.x2, b.x2), b.y2};
    }
    e.confidence = 0.95;
    p.elements.push_back(e);
  };
  item("Session", {{"Session", {650, 305, 697, 317}}});
  item("Edit View", {{"Edit", {710, 305, 735, 317}}, {"View", {749, 305, 779, 317}}});
  item("Help", {{"Help", {857, 305, 886, 317}}});
  const auto answer = [&](std::string_view text) {
    auto m = match_instruction(p, parse(text), 0.45);
    return m ? m->box : Box{};
  };
  const Box help = answer("click Help in the menu");
  EXPECT_LT(help.x1, 857);
  EXPECT_GT(help.x2, 886);
  EXPECT_LT(help.width(), 50);
  EXPECT_EQ(help.y1, 300);
  const Box view = answer("open View");
  EXPECT_LT(view.x1, 749);
  EXPECT_GT(view.x1, 735);
}

TEST(Matcher, DropdownAtTheFarEndOfASettingsRow) {
  ScreenParse p;
  p.width = 1920;
  p.height = 1080;
  const ScreenElement label = text_line("Display language", {271, 369, 379, 385});
  ScreenElement dropdown = text_line("English (US)", {885, 374, 960, 390});
  dropdown.role = ElementRole::kButton;
  dropdown.box = {877, 366, 992, 399};
  p.elements = {label, dropdown};
  auto m = match_instruction(p, parse("Display language dropdown"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->box, dropdown.box);
  // A dropdown showing its value is itself the dropdown, not the label of the next one.
  EXPECT_EQ(match_instruction(p, parse("English dropdown"), 0.45)->box, dropdown.box);
  // An unfinished label ("Sort by", "Language:") names the control after it, even unasked.
  ScreenParse sort = p;
  sort.elements[0].text = "Sort by";
  sort.elements[0].words = {{"Sort", {271, 369, 305, 385}}, {"by", {309, 369, 325, 385}}};
  EXPECT_EQ(match_instruction(sort, parse("choose Sort by"), 0.45)->box, dropdown.box);
  // Windows power settings: "When plugged in, turn off after" names the dropdown below it.
  sort.elements[0].text = "turn off after";
  sort.elements[0].words = {{"turn", {271, 369, 300, 385}}, {"off", {304, 369, 325, 385}}, {"after", {329, 369, 365, 385}}};
  EXPECT_EQ(match_instruction(sort, parse("choose turn off after"), 0.45)->box, dropdown.box);
  sort.elements[0].text = "Sort order";
  sort.elements[0].words = {{"Sort", {271, 369, 305, 385}}, {"order", {309, 369, 345, 385}}};
  EXPECT_EQ(match_instruction(sort, parse("choose Sort order"), 0.45)->box, label.box);
  // Another label between them: that dropdown belongs to it.
  p.elements.push_back(text_line("Region", {600, 369, 660, 385}));
  auto blocked = match_instruction(p, parse("Display language dropdown"), 0.45);
  ASSERT_TRUE(blocked.has_value());
  EXPECT_NE(blocked->box, dropdown.box);
}

TEST(Matcher, CheckBoxAtTheStartOfATableRow) {
  ScreenParse p;
  p.width = 1440;
  p.height = 900;
  ScreenElement box;
  box.role = ElementRole::kCheckbox;
  box.box = {38, 255, 53, 270};
  const ScreenElement name = text_line("Chen Wei", {131, 256, 188, 268});
  p.elements = {box, name};
  EXPECT_EQ(match_instruction(p, parse("check Chen Wei"), 0.45)->box, box.box);
  // With another cell between them, the box is not this label's.
  p.elements.push_back(text_line("chen@helix.io", {70, 256, 120, 268}));
  EXPECT_EQ(match_instruction(p, parse("check Chen Wei"), 0.45)->box, name.box);
}

TEST(LabelScore, PrefersExactLabelsAndToleratesOcrErrors) {
  const std::vector<std::string> label{"save"}, all{"click", "save"};
  const double exact = label_score(label, all, {"save"});
  const double longer = label_score(label, all, {"save", "as", "template"});
  const double ocr = label_score(label, all, {"sav3"});
  const double other = label_score(label, all, {"cancel"});
  EXPECT_DOUBLE_EQ(exact, 1.0);
  EXPECT_GT(exact, longer);
  EXPECT_GT(ocr, 0.6);
  EXPECT_LT(other, 0.2);
  // Split or merged words still match: "Signin" for "sign in".
  EXPECT_GT(label_score({"sign", "in"}, {"sign", "in"}, {"signin"}), 0.8);
}

TEST(LabelScore, WordFormsMeet) {
  // "filters" / "Filter", "files" / "File": one word in two forms.
  EXPECT_GT(label_score({"filters"}, {"filters"}, {"filter"}), 0.9);
  EXPECT_GT(label_score({"files"}, {"files"}, {"file"}), 0.9);
  EXPECT_LT(label_score({"filter"}, {"filter"}, {"fill"}), 0.5);
  // A search field's placeholder says "Find" as often as "Search".
  const std::vector<std::string> ask = {"search", "for", "a", "setting"};
  EXPECT_GT(label_score({"search", "setting"}, ask, {"find", "a", "setting"}, {1.0, 0.5}),
            label_score({"search", "setting"}, ask, {"settings"}, {1.0, 0.5}));
}

TEST(Instruction, ContextAndParenthesesWeighTheLabelWords) {
  // Words after a linking preposition describe where the target is.
  auto ctx = parse("Show Details of the Builder app");
  ASSERT_EQ(ctx.label_words, (std::vector<std::string>{"details", "of", "builder", "app"}));
  EXPECT_EQ(ctx.label_weights[0], 1.0);
  EXPECT_LT(ctx.label_weights[1], 0.5);
  EXPECT_LT(ctx.label_weights[2], 1.0);
  EXPECT_EQ(ctx.verbs, (std::vector<std::string>{"show"}));
  // "Sign in to X": "in" belongs to the label, what follows "to" is context.
  auto sign = parse("Sign in to Booking.com");
  EXPECT_EQ(sign.label_weights[0], 1.0);
  EXPECT_EQ(sign.label_weights[1], 1.0);
  EXPECT_LT(sign.label_weights[3], 1.0);
  // A closing parenthetical is the label as shown; the description before it counts less.
  auto ok = parse("Confirm the GIMP preferences (OK)");
  ASSERT_EQ(ok.label_words.back(), "ok");
  EXPECT_EQ(ok.label_weights.back(), 1.0);
  EXPECT_LT(ok.label_weights.front(), 0.5);
  // A parenthesis that is part of a short label leaves it whole.
  auto none = parse("click (None)");
  EXPECT_EQ(none.label_weights, (std::vector<double>{1.0}));
  // "tool" names a toolbox button.
  EXPECT_EQ(parse("click brush tool").role, ElementRole::kIcon);
}

TEST(Matcher, WordsTheScreenDoesNotShowDescribeTheTarget) {
  ScreenParse p;
  p.width = 1200;
  p.height = 800;
  // "bookmark" is nowhere on the screen: "Downloads" decides, even against a longer line.
  p.elements = {text_line("Recent", {20, 100, 90, 120}), text_line("Downloads", {20, 140, 120, 160}),
                text_line("Details of the selected item", {400, 300, 700, 320})};
  auto m = match_instruction(p, parse("Open the Downloads bookmark"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 1);
  EXPECT_GT(m->score, 0.85);
  // No label word is on the screen: the verb is the button ("Open the selected file").
  p.elements = {text_line("Cancel", {900, 700, 980, 730}), text_line("Open", {1000, 700, 1080, 730})};
  auto v = match_instruction(p, parse("Open the selected file"), 0.45);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->element, 1);
  // The parenthetical label beats the description's words that the screen also shows.
  p.elements = {text_line("GIMP Preferences", {400, 10, 600, 30}), text_line("OK", {1000, 700, 1040, 730}),
                text_line("Cancel", {900, 700, 980, 730})};
  auto ok = match_instruction(p, parse("Confirm the GIMP preferences (OK)"), 0.45);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->element, 1);
}

TEST(Instruction, AnActionBeforeAnArticleNamesTheButton) {
  // "Cancel the file dialog": "cancel" is the action, "file dialog" only what it acts on.
  auto c = parse("Cancel the file dialog");
  ASSERT_EQ(c.label_words, (std::vector<std::string>{"cancel", "file", "dialog"}));
  EXPECT_EQ(c.label_weights[0], 1.0);
  EXPECT_LT(c.label_weights[1], 1.0);
  // Without an article the words are one label ("Save Changes").
  EXPECT_EQ(parse("click Save Changes").label_weights, (std::vector<double>{1.0, 1.0}));
  ScreenParse p;
  p.width = 1400;
  p.height = 900;
  p.elements = {text_line("File", {160, 10, 190, 25}), text_line("Cancel", {1100, 680, 1145, 695}),
                text_line("Open", {1180, 680, 1230, 695})};
  auto m = match_instruction(p, c, 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 1);
}

TEST(Matcher, AGlyphReadAsLettersBeforeALabelCostsLittle) {
  ScreenParse p;
  p.width = 2800;
  p.height = 2200;
  // A tab whose icon OCR read as "Ea", and a paragraph that starts with the same word.
  ScreenElement tab;
  tab.text = "Ea Explore";
  tab.box = tab.text_box = {1136, 98, 1250, 130};
  tab.words = {{"Ea", {1136, 98, 1160, 130}}, {"Explore", {1170, 98, 1250, 130}}};
  tab.confidence = 0.9;
  ScreenElement para;
  para.text = "Explore media formats for";
  para.box = para.text_box = {350, 1590, 700, 1622};
  para.words = {{"Explore", {350, 1590, 466, 1622}}, {"media", {470, 1590, 540, 1622}},
                {"formats", {545, 1590, 640, 1622}}, {"for", {645, 1590, 700, 1622}}};
  para.confidence = 0.9;
  p.elements = {para, tab};
  auto m = match_instruction(p, parse("Go to the Explore tab"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 1);
}

TEST(Matcher, ExpandAndCollapseAnswerTheChevronBesideTheLabel) {
  ScreenParse p;
  p.width = 1400;
  p.height = 900;
  ScreenElement chevron;
  chevron.role = ElementRole::kIcon;
  chevron.box = chevron.text_box = {352, 257, 382, 278};
  chevron.icon_guesses = {{"chevron-down", 0.97}, {"sort", 0.68}};
  p.elements = {text_line("New", {406, 252, 492, 286}), chevron, text_line("Recent", {406, 500, 500, 530})};
  EXPECT_TRUE(parse("Collapse the New section").disclosure);
  EXPECT_FALSE(parse("Open the New section").disclosure);
  auto m = match_instruction(p, parse("Collapse the New section"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->box, (Box{352, 257, 382, 278}));
  // No chevron in the label's row: the label itself.
  auto r = match_instruction(p, parse("Expand the Recent section"), 0.45);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->element, 2);
  EXPECT_EQ(r->box, (Box{406, 500, 500, 530}));
}

TEST(Matcher, ATextSaidWholeBeatsAnIconGuessButIsNotSure) {
  ScreenParse p;
  p.width = 1400;
  p.height = 900;
  ScreenElement glyph;
  glyph.role = ElementRole::kIcon;
  glyph.box = glyph.text_box = {278, 69, 298, 87};
  glyph.icon_guesses = {{"notifications", 0.95}};
  p.elements = {glyph, text_line("Show Alerts", {316, 60, 441, 96}), text_line("Builder", {559, 66, 661, 90})};
  // Every word of "Show Alerts" is in the instruction, which adds only a description.
  auto m = match_instruction(p, parse("Show Alerts of the Builder app"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 1);
  EXPECT_LT(m->confidence, 0.8);
  // A word naming an icon that no text shows: the text is that icon's anchor, not the label.
  p.elements[1] = text_line("Backlog", {316, 60, 400, 96});
  auto b = match_instruction(p, parse("tap Backlog list alerts"), 0.45);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->element, 0);
}

TEST(Matcher, AnActionOnTheSelectionIsTheVerbsButton) {
  ScreenParse p;
  p.width = 1400;
  p.height = 900;
  // The menu bar shows "File"; the dialog's button "Open" acts on the selected file.
  p.elements = {text_line("File", {163, 11, 185, 23}), text_line("Cancel", {1080, 678, 1150, 699}),
                text_line("Open", {1165, 678, 1238, 699})};
  EXPECT_TRUE(parse("Open the selected file").acts_on_selection);
  EXPECT_FALSE(parse("Open the File menu").acts_on_selection);
  auto m = match_instruction(p, parse("Open the selected file"), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 2);
}

TEST(ParseCache, EvictsLeastRecentlyUsed) {
  ParseCache cache(2);
  auto make = [](std::uint64_t h) {
    auto p = std::make_shared<ScreenParse>();
    p->hash = h;
    return std::shared_ptr<const ScreenParse>(p);
  };
  cache.put(1, make(1));
  cache.put(2, make(2));
  ASSERT_NE(cache.get(1), nullptr);  // 1 becomes most recent
  cache.put(3, make(3));             // evicts 2
  EXPECT_EQ(cache.get(2), nullptr);
  EXPECT_NE(cache.get(1), nullptr);
  EXPECT_NE(cache.get(3), nullptr);
  EXPECT_EQ(cache.size(), 2u);
  ParseCache off(0);
  off.put(1, make(1));
  EXPECT_EQ(off.get(1), nullptr);
}

}  // namespace
}  // namespace humain::local
