// Icons named by meaning and by the text they sit beside, on hand-built screen parses.
#include <gtest/gtest.h>

#include "grounding/local/match/icon_matcher.h"
#include "grounding/local/match/icon_vocabulary.h"
#include "grounding/local/match/instruction.h"
#include "grounding/local/match/matcher.h"
#include "test_vocabulary.h"

namespace humain {
// Readable boxes in failure messages.
void PrintTo(const Box& b, std::ostream* os) { *os << "[" << b.x1 << ", " << b.y1 << ", " << b.x2 << ", " << b.y2 << "]"; }
}  // namespace humain

namespace humain::local {
namespace {

const IconVocabulary& vocab() { return test_vocabulary(); }

ScreenElement text(std::string t, Box b) {
  ScreenElement e;
  e.text = std::move(t);
  e.box = e.text_box = b;
  e.confidence = 0.95;
  e.words.push_back({e.text, b});
  return e;
}

ScreenElement icon(Box b, std::vector<IconGuess> guesses) {
  ScreenElement e;
  e.role = ElementRole::kIcon;
  e.box = b;
  e.icon_guesses = std::move(guesses);
  e.confidence = 0.6;
  return e;
}

// The box of the element the matcher picks for `instruction`, or an empty box when none.
Box ground(const ScreenParse& p, std::string_view instruction) {
  const auto m = match_instruction(p, parse_instruction(instruction, vocab()), 0.45);
  return m ? p.elements[m->element].box : Box{};
}

TEST(IconVocabulary, NamesSynonymsPluralsAndErrors) {
  auto hits = vocab().concepts_of("wishlist");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].name, "heart");
  EXPECT_LT(hits[0].weight, 1.0);
  EXPECT_DOUBLE_EQ(vocab().concepts_of("edit")[0].weight, 1.0);
  EXPECT_EQ(vocab().concepts_of("layers")[0].name, "layers");
  EXPECT_EQ(vocab().concepts_of("pencils")[0].name, "edit");
  // "save" is the floppy's name and a synonym of download: the name comes first.
  auto save = vocab().concepts_of("save");
  ASSERT_EQ(save.size(), 2u);
  EXPECT_EQ(save[0].name, "save");
  // Parts of compound names count, less surely.
  EXPECT_EQ(vocab().concepts_of("up")[0].name, "arrow-up");
  EXPECT_TRUE(vocab().concepts_of("amara").empty());
  EXPECT_EQ(vocab().size(), 13u);

  EXPECT_FALSE(IconVocabulary::parse("# only a comment\n").ok());
  EXPECT_FALSE(IconVocabulary::parse("two words\tsynonym\n").ok());
  EXPECT_FALSE(IconVocabulary::load("/nonexistent/concepts.tsv").ok());
}

TEST(IconVocabulary, VariantsOfOneConceptAreRelated) {
  EXPECT_DOUBLE_EQ(concept_affinity("eye", "eye"), 1.0);
  EXPECT_GT(concept_affinity("eye-off", "eye"), 0.0);
  EXPECT_GT(concept_affinity("eye", "eye-off"), 0.0);
  EXPECT_DOUBLE_EQ(concept_affinity("eye", "edit"), 0.0);
  EXPECT_DOUBLE_EQ(concept_affinity("arrow-up", "arrow"), 0.6);  // a base and its variant
  EXPECT_DOUBLE_EQ(concept_affinity("eyes", "eye-off"), 0.0);   // a prefix that is not a base
}

TEST(IconInstruction, SplitsMeaningFromAnchorText) {
  auto i = parse_instruction("tap edit Amara Okafor", vocab());
  ASSERT_FALSE(i.icon_concepts.empty());
  EXPECT_EQ(i.icon_concepts[0].name, "edit");
  EXPECT_EQ(i.icon_readings[0].context, (std::vector<std::string>{"amara", "okafor"}));

  auto w = parse_instruction("save Summit 28 to wishlist", vocab());
  EXPECT_EQ(w.icon_readings[0].context, (std::vector<std::string>{"summit", "28"}));  // "to" only links
  const auto has = [&](const Instruction& ins, const std::string& c) {
    for (const auto& h : ins.icon_concepts) if (h.name == c) return true;
    return false;
  };
  EXPECT_TRUE(has(w, "heart"));
  EXPECT_TRUE(has(w, "save"));

  // A leading verb may name the meaning ("show password" is the eye), but less surely.
  auto s = parse_instruction("show password icon", vocab());
  ASSERT_TRUE(has(s, "eye"));
  for (const auto& h : s.icon_concepts) {
    if (h.name == "eye") {
      EXPECT_LT(h.weight, 0.8);
    }
  }
  EXPECT_TRUE(parse_instruction("the notifications icon", vocab()).icon_readings[0].context.empty());
}

// The head of the sentence names the icon; its complements only say which one.
TEST(IconInstruction, ComplementsNameTheMeaningLessSurely) {
  const auto weight = [](const Instruction& ins, const std::string& c) {
    for (const auto& h : ins.icon_concepts) if (h.name == c) return h.weight;
    return 0.0;
  };
  // An action and its article: the object is what it acts on ("Close the Calendar window").
  auto close = parse_instruction("Close the search panel", vocab());
  ASSERT_FALSE(close.icon_concepts.empty());
  EXPECT_EQ(close.icon_concepts[0].name, "close");
  EXPECT_LT(weight(close, "search"), weight(close, "close"));
  // Words after a link word ("of the ...", "in the ...") describe where.
  auto pencil = parse_instruction("the pencil of the notifications list", vocab());
  EXPECT_EQ(pencil.icon_concepts[0].name, "edit");
  EXPECT_LT(weight(pencil, "notifications"), weight(pencil, "edit"));
  // A closing parenthetical that names an icon names the glyph: "(x)", "(gear)", "(scissors)".
  auto paren = parse_instruction("Open the notifications (x button)", vocab());
  EXPECT_EQ(paren.icon_concepts[0].name, "close");
  EXPECT_LT(weight(paren, "notifications"), weight(paren, "close"));
  // ... but a destination after "to" names a button as much as the verb does.
  auto wish = parse_instruction("save Summit 28 to wishlist", vocab());
  EXPECT_DOUBLE_EQ(weight(wish, "heart"), vocab().concepts_of("wishlist")[0].weight);
}

TEST(IconMatch, TheHeadNotTheComplementChoosesTheIcon) {
  ScreenParse p;
  p.width = 1280;
  p.height = 800;
  p.elements.push_back(icon({600, 300, 620, 320}, {{"notifications", 0.9}}));
  p.elements.push_back(icon({20, 20, 36, 36}, {{"close", 0.85}}));
  EXPECT_EQ(ground(p, "Close the notifications window"), (Box{20, 20, 36, 36}));
  EXPECT_EQ(ground(p, "Dismiss the popup of the notifications (x)"), (Box{20, 20, 36, 36}));
}

// Browser-style tabs in a title bar: each tab's x right of its title, the window's x at the row's end.
TEST(IconMatch, TheNearestIconOfTheAnchorsRowWins) {
  ScreenParse p;
  p.width = 1280;
  p.height = 800;
  p.elements.push_back(text("Documents", {300, 130, 380, 146}));
  p.elements.push_back(icon({475, 131, 489, 145}, {{"close", 0.94}}));
  p.elements.push_back(text("Music", {540, 130, 590, 146}));
  p.elements.push_back(icon({715, 131, 729, 145}, {{"close", 0.94}}));
  p.elements.push_back(icon({1247, 124, 1263, 140}, {{"close", 0.98}}));
  EXPECT_EQ(ground(p, "Close the Documents tab"), (Box{475, 131, 489, 145}));
  EXPECT_EQ(ground(p, "Close the Music tab"), (Box{715, 131, 729, 145}));
  // No anchor said: the platform's place for a window's close button decides.
  EXPECT_EQ(ground(p, "close the window"), (Box{1247, 124, 1263, 140}));
}

TEST(IconMatch, TheMiniPlayerIsAtTheBottom) {
  ScreenParse p;
  p.width = 1080;
  p.height = 2400;
  p.elements.push_back(icon({857, 125, 919, 187}, {{"close", 0.98}}));
  p.elements.push_back(icon({965, 1655, 1027, 1717}, {{"close", 0.9}}));
  EXPECT_EQ(parse_instruction("Close the mini player", vocab()).vertical, 1);
  EXPECT_EQ(ground(p, "Close the mini player"), (Box{965, 1655, 1027, 1717}));
  EXPECT_EQ(ground(p, "Close the search"), (Box{857, 125, 919, 187}));
}

// A dialog's title bar inside a full-screen window: OCR read both x glyphs as "x".
TEST(IconMatch, AGlyphReadAsTextIsNoAnchorAndContainerKindsAreNoText) {
  ScreenParse p;
  p.width = 1920;
  p.height = 1080;
  p.elements.push_back(text("Preferences", {400, 440, 520, 466}));
  p.elements.push_back(icon({858, 447, 872, 461}, {{"close", 0.92}}));
  p.elements.push_back(text("x", {860, 449, 870, 459}));
  p.elements.push_back(icon({1895, 38, 1909, 52}, {{"close", 0.99}}));
  p.elements.push_back(text("x", {1897, 40, 1907, 50}));
  EXPECT_EQ(ground(p, "Close the Preferences dialog (x)"), (Box{858, 447, 872, 461}));
  EXPECT_EQ(parse_instruction("Close the Preferences dialog (x)", vocab()).icon_readings[0].context,
            (std::vector<std::string>{"close", "preferences"}));
}

TEST(IconInstruction, ZoomInAndOutNameThePlusAndMinus) {
  const auto names = [](const Instruction& ins, const std::string& c) {
    for (const auto& h : ins.icon_concepts) if (h.name == c) return true;
    return false;
  };
  const IconVocabulary v = IconVocabulary::parse("add\tplus\nremove\tminus\nzoom-in\tmagnify\nzoom-out\tshrink\n").value();
  auto in = parse_instruction("Zoom in the editor text", v);
  EXPECT_TRUE(names(in, "zoom-in"));
  EXPECT_TRUE(names(in, "add"));
  EXPECT_FALSE(names(in, "remove"));
  auto out = parse_instruction("Zoom out", v);
  EXPECT_TRUE(names(out, "remove"));
  EXPECT_FALSE(names(out, "add"));
}

// "the previous month": the arrow steps through months; a calendar glyph elsewhere is not it.
TEST(IconMatch, TheNounAfterPreviousOrNextIsWhatTheArrowStepsThrough) {
  const IconVocabulary v = IconVocabulary::parse("back\tprevious\ncalendar\tmonth\n").value();
  ScreenParse p;
  p.width = 1920;
  p.height = 1080;
  p.elements.push_back(icon({1405, 199, 1440, 227}, {{"calendar", 0.9}}));
  p.elements.push_back(icon({521, 78, 539, 106}, {{"mute", 0.91}, {"back", 0.7}}));
  const auto m = match_instruction(p, parse_instruction("Go to the previous month", v), 0.45);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->element, 1);
}

// A table: every row has a pencil and a bin at its right end.
ScreenParse users_table() {
  ScreenParse p;
  p.width = 1440;
  p.height = 900;
  const char* names[] = {"Priya Natarajan", "Jonas Berg", "Amara Okafor"};
  for (int r = 0; r < 3; ++r) {
    const double y = 180 + 36 * r;
    p.elements.push_back(text(names[r], {130, y, 230, y + 14}));
    p.elements.push_back(icon({1259, y - 2, 1273, y + 12}, {{"edit", 0.8}, {"delete", 0.3}}));
    p.elements.push_back(icon({1277, y - 2, 1291, y + 12}, {{"delete", 0.75}, {"edit", 0.2}}));
  }
  p.elements.push_back(icon({1360, 10, 1384, 34}, {{"notifications", 0.7}}));
  return p;
}

TEST(IconMatch, RowIconBesideItsAnchorText) {
  const ScreenParse p = users_table();
  EXPECT_EQ(ground(p, "tap edit Amara Okafor"), (Box{1259, 250, 1273, 264}));
  EXPECT_EQ(ground(p, "delete Jonas Berg"), (Box{1277, 214, 1291, 228}));
  // A meaningful icon just above the row is nearer than the row's own, but the row wins.
  ScreenParse above = p;
  above.elements.push_back(icon({240, 230, 254, 244}, {{"delete", 0.5}}));
  EXPECT_EQ(ground(above, "delete Jonas Berg"), (Box{1277, 214, 1291, 228}));
  // The name alone is still the text.
  EXPECT_EQ(ground(p, "Jonas Berg"), (Box{130, 216, 230, 230}));
}

TEST(IconMatch, MeaningWithoutAnchorAndLabelsWinWhenTheySayIt) {
  ScreenParse p = users_table();
  EXPECT_EQ(ground(p, "the notifications icon"), (Box{1360, 10, 1384, 34}));
  // A visible label saying the words beats an icon guessed to mean them.
  p.elements.push_back(text("Notifications", {20, 128, 123, 145}));
  EXPECT_EQ(ground(p, "open Notifications"), (Box{20, 128, 123, 145}));
  // ... unless the instruction says it wants the icon.
  EXPECT_EQ(ground(p, "the notifications icon"), (Box{1360, 10, 1384, 34}));
}

TEST(IconMatch, VisibilityEyeAnswersHide) {
  ScreenParse p;
  p.width = 1920;
  p.height = 1080;
  p.elements.push_back(icon({1654, 296, 1670, 308}, {{"eye", 0.8}}));
  p.elements.push_back(text("Foreground", {1717, 296, 1786, 311}));
  p.elements.push_back(icon({1654, 331, 1670, 343}, {{"eye", 0.8}}));
  p.elements.push_back(text("Background", {1717, 331, 1789, 346}));
  EXPECT_EQ(ground(p, "tap hide background layer"), (Box{1654, 331, 1670, 343}));
}

TEST(IconMatch, ConfidentWhenOneIconClearlyShowsTheMeaning) {
  ScreenParse p;
  p.width = 1440;
  p.height = 900;
  p.elements.push_back(icon({1360, 10, 1384, 34}, {{"notifications", 0.95}}));
  p.elements.push_back(icon({1400, 10, 1424, 34}, {{"user", 0.9}}));
  const auto clear = match_instruction(p, parse_instruction("the notifications icon", vocab()), 0.45);
  ASSERT_TRUE(clear.has_value());
  EXPECT_GE(clear->confidence, 0.6);  // kept local by the router
  // A weak reading of the meaning is not.
  p.elements[0].icon_guesses = {{"notifications", 0.45}};
  const auto weak = match_instruction(p, parse_instruction("the notifications icon", vocab()), 0.45);
  ASSERT_TRUE(weak.has_value());
  EXPECT_LT(weak->confidence, 0.6);
}

TEST(IconMatch, AnchorTextMayItselfNameAConcept) {
  // "password" names a lock, but here it is the field the eye sits in.
  ScreenParse p;
  p.width = 2560;
  p.height = 1440;
  ScreenElement field = text("Enter your password", {930, 670, 1180, 694});
  field.role = ElementRole::kField;
  field.box = {899, 643, 1661, 721};
  p.elements.push_back(field);
  p.elements.push_back(text("Password", {901, 603, 1039, 626}));
  p.elements.push_back(icon({1595, 662, 1637, 694}, {{"eye", 0.98}, {"eye-off", 0.8}}));
  EXPECT_EQ(ground(p, "show password icon"), (Box{1595, 662, 1637, 694}));
  // Readings: all concepts; the verb's meaning by the object's text.
  EXPECT_EQ(parse_instruction("show password icon", vocab()).icon_readings.size(), 2u);
  // ... and each of two concept words as the meaning beside the other.
  EXPECT_EQ(parse_instruction("edit hidden layer", vocab()).icon_readings.size(), 4u);
}

TEST(IconMatch, AnswersTheIconsElementBox) {
  // The parse boxes an icon as its clickable button (detect/element_box.h); the matcher answers
  // that box as it is (here the hand-made parse's glyph box).
  const ScreenParse p = users_table();
  const auto m = match_instruction(p, parse_instruction("the notifications icon", vocab()), 0.45);
  ASSERT_TRUE(m.has_value());
  const Box glyph{1360, 10, 1384, 34};
  EXPECT_EQ(m->box, glyph);
}

TEST(IconMatch, NoMeaningNoIcon) {
  const ScreenParse p = users_table();
  EXPECT_TRUE(icon_candidates(p, parse_instruction("click Submit", vocab())).empty());
  EXPECT_DOUBLE_EQ(icon_meaning(p.elements[1], {{"heart", 1.0}}), 0.0);
  EXPECT_NEAR(icon_meaning(p.elements[1], {{"edit", 1.0}}), 0.8, 1e-9);
}

}  // namespace
}  // namespace humain::local
