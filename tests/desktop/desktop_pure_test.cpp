// The desktop layer's display-free parts: key names, text -> keysyms, step parsing, the AT-SPI
// element matcher and the verification rules. The live parts are tested by tests/e2e/act_live.sh.
#include <gtest/gtest.h>

#include <set>

#ifdef HUMAIN_HAVE_DESKTOP
#include <X11/keysym.h>

#include <opencv2/imgproc.hpp>

#include "core/screenshot_pixels.h"
#include "desktop/keysyms.h"
#include "desktop/verification.h"
#include "humain/accessibility.h"
#include "humain/act.h"
#undef Status

namespace humain {
namespace {

AccessibleElement el(std::string role, std::string name, Box box, std::vector<std::string> states = {"sensitive", "showing"}) {
  AccessibleElement e;
  e.role = std::move(role);
  e.name = std::move(name);
  e.box = box;
  e.states = std::move(states);
  e.actionable = e.role != "label" && e.role != "text";
  return e;
}

TEST(KeyChord, ModifiersAndAliases) {
  auto c = desktop::parse_key_chord("ctrl+shift+s");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->modifiers, (std::vector<unsigned long>{XK_Control_L, XK_Shift_L}));
  EXPECT_EQ(c->key, static_cast<unsigned long>(XK_s));
  EXPECT_EQ(desktop::parse_key_chord("Return")->key, static_cast<unsigned long>(XK_Return));
  EXPECT_EQ(desktop::parse_key_chord("enter")->key, static_cast<unsigned long>(XK_Return));
  EXPECT_EQ(desktop::parse_key_chord("alt+F4")->key, static_cast<unsigned long>(XK_F4));
  EXPECT_EQ(desktop::parse_key_chord("ctrl++")->key, static_cast<unsigned long>(XK_plus));
  EXPECT_FALSE(desktop::parse_key_chord("hyper+s").ok());
  EXPECT_FALSE(desktop::parse_key_chord("ctrl+nosuchkey").ok());
  EXPECT_FALSE(desktop::parse_key_chord("").ok());
}

TEST(TypeText, UnicodeBecomesKeysyms) {
  auto k = desktop::keysyms_for_text("aé€\n");
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(*k, (std::vector<unsigned long>{'a', 0xE9, 0x01000000UL + 0x20AC, XK_Return}));
  EXPECT_FALSE(desktop::keysyms_for_text("\xC3").ok());      // truncated UTF-8
  EXPECT_FALSE(desktop::keysyms_for_text("\xED\xA0\x80").ok());  // surrogate
  EXPECT_FALSE(desktop::keysyms_for_text(std::string("a\x01", 2)).ok());
}

TEST(ActStep, ParsesEveryAction) {
  auto s = parse_act_step("{type: hello, into: search field}", "t");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->action, ActionKind::kType);
  EXPECT_EQ(s->text, "hello");
  EXPECT_EQ(s->target, "search field");
  auto d = parse_act_step("{drag: slider, by: [80, 0], verify: false}", "t");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->drag_by->x, 80);
  EXPECT_EQ(d->verify, std::optional<bool>(false));
  EXPECT_EQ(parse_act_step("{scroll: text area, amount: -2}", "t")->amount, -2);
  EXPECT_FALSE(parse_act_step("{click: a, key: b}", "t").ok());     // two actions
  EXPECT_FALSE(parse_act_step("{frob: a}", "t").ok());
  EXPECT_FALSE(parse_act_step("{drag: slider}", "t").ok());          // no offset
  EXPECT_FALSE(parse_act_step("[1, 2]", "t").ok());
  EXPECT_FALSE(parse_act_step("{click: \"\"}", "t").ok());
}

TEST(MatchElement, NamesRolesAndConfidence) {
  const std::vector<AccessibleElement> tree = {
      el("label", "Save", {0, 0, 40, 20}),
      el("push button", "Save", {50, 0, 120, 30}),
      el("push button", "Save As", {130, 0, 220, 30}),
      el("check box", "Bold", {0, 40, 80, 60}),
      el("toggle button", "7", {0, 100, 50, 140}),
      el("toggle button", "+", {60, 100, 110, 140}),
      el("slider", "", {0, 200, 300, 230}),
  };
  auto m = match_element(tree, "click Save");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->element.role, "push button");  // the control, not its caption
  EXPECT_EQ(m->element.name, "Save");
  EXPECT_GE(m->confidence, 0.9);
  EXPECT_EQ(match_element(tree, "click \"Save As\"")->element.name, "Save As");
  EXPECT_EQ(match_element(tree, "toggle the Bold check box")->element.role, "check box");
  EXPECT_EQ(match_element(tree, "7")->element.name, "7");
  EXPECT_EQ(match_element(tree, "click +")->element.name, "+");
  EXPECT_EQ(match_element(tree, "move the slider")->element.role, "slider");
  EXPECT_LT(match_element(tree, "click the Bold link")->confidence, 0.9);  // role disagrees
  EXPECT_FALSE(match_element(tree, "click Frobnicate"));
}

TEST(ElementAt, SmallestActionableWins) {
  const std::vector<AccessibleElement> tree = {el("panel", "", {0, 0, 500, 500}), el("push button", "OK", {10, 10, 60, 40}),
                                               el("label", "OK", {20, 15, 50, 35})};
  auto hit = element_at(tree, {30, 20});
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->role, "push button");
  Prediction p;
  p.point = Point{25, 15};
  p.source = "local-engine";
  ASSERT_TRUE(snap_to_element(p, tree, {5, 5}));  // capture origin (5, 5): screen (30, 20)
  EXPECT_EQ(*p.box, (Box{5, 5, 55, 35}));
  EXPECT_EQ(p.source, "local-engine+accessibility");
}

Capture capture_of(cv::Mat m) {
  Capture c;
  c.screen = *screenshot_from_mat(m);
  return c;
}

TEST(Verification, PixelsAndTreeRules) {
  cv::Mat a(100, 200, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::Mat b = a.clone();
  const Capture before = capture_of(a);
  Capture same = capture_of(b);
  desktop::VerifyInput in;
  in.before = &before;
  in.after = &same;
  in.target = Box{10, 10, 40, 30};
  auto v = desktop::verify_effect(in);
  EXPECT_FALSE(v.passed);
  EXPECT_NE(v.observed.find("nothing"), std::string::npos);
  EXPECT_NE(v.expected.find("AT-SPI not available"), std::string::npos);

  cv::rectangle(b, cv::Rect(12, 12, 10, 10), cv::Scalar(0, 0, 0), cv::FILLED);  // a tick in the box
  Capture changed = capture_of(b);
  in.after = &changed;
  v = desktop::verify_effect(in);
  EXPECT_TRUE(v.passed);
  EXPECT_GT(v.region_changed, 0.02);
  EXPECT_NEAR(desktop::changed_fraction(before.screen, changed.screen), 100.0 / 20000, 1e-9);

  // The tree: a check box turning checked passes with unchanged pixels.
  in.after = &same;
  std::vector<AccessibleElement> t1 = {el("check box", "Bold", {10, 10, 40, 30})};
  std::vector<AccessibleElement> t2 = t1;
  t2[0].states.push_back("checked");
  in.hit = t1[0];
  in.tree_before = &t1;
  in.tree_after = &t2;
  v = desktop::verify_effect(in);
  EXPECT_TRUE(v.passed);
  ASSERT_FALSE(v.evidence.empty());
  EXPECT_NE(v.evidence[0].find("checked: off -> on"), std::string::npos);
  // Typed text must show up somewhere.
  in.hit.reset();
  in.action = ActionKind::kType;
  in.typed = "hello";
  std::vector<AccessibleElement> f1 = {el("text", "", {0, 0, 100, 20})};
  std::vector<AccessibleElement> f2 = f1;
  f2[0].text = "hello";
  in.tree_before = &f1;
  in.tree_after = &f2;
  v = desktop::verify_effect(in);
  EXPECT_TRUE(v.passed);
  EXPECT_NE(v.evidence[0].find("text inserted"), std::string::npos);

  // Events: a button's transient "pressed" (gone again in the tree after) passes; hover-like state
  // changes and window activation (act focuses the window itself) do not.
  in.action = ActionKind::kClick;
  in.typed.clear();
  in.after = &before;  // no pixel change (`same` shares its pixels with the edited image)
  in.tree_before = in.tree_after = &t1;
  std::vector<AccessibleEvent> noise = {{"object:state-changed:armed", 1, "push button \"OK\"", "app"},
                                        {"window:activate", 0, "frame \"App\"", "app"},
                                        {"object:state-changed:focused", 0, "push button \"OK\"", "app"}};
  in.events = &noise;
  v = desktop::verify_effect(in);
  EXPECT_FALSE(v.passed) << v.observed;
  std::vector<AccessibleEvent> pressed = noise;
  pressed.push_back({"object:state-changed:pressed", 1, "push button \"OK\"", "app"});
  pressed.push_back({"object:state-changed:pressed", 0, "push button \"OK\"", "app"});
  in.events = &pressed;
  v = desktop::verify_effect(in);
  EXPECT_TRUE(v.passed);
  ASSERT_EQ(v.evidence.size(), 2u);
  EXPECT_EQ(v.evidence[0], "event object:state-changed:pressed on (push button \"OK\")");
  // A typed word sends one text-changed per character: listed once.
  std::vector<AccessibleEvent> typed(5, AccessibleEvent{"object:text-changed:insert", 0, "text \"\"", "app"});
  in.events = &typed;
  v = desktop::verify_effect(in);
  EXPECT_EQ(v.evidence, std::vector<std::string>{"event object:text-changed:insert (text \"\")"});
}

TEST(ExitCodes, DistinctPerFailure) {
  std::set<int> seen;
  for (ActFailure f : {ActFailure::kNone, ActFailure::kNoDisplay, ActFailure::kNoAccessibilityBus, ActFailure::kWindowNotFound,
                       ActFailure::kGroundingError, ActFailure::kElementNotFound, ActFailure::kLowConfidence,
                       ActFailure::kActionFailed, ActFailure::kVerificationFailed}) {
    EXPECT_TRUE(seen.insert(act_exit_code(f)).second) << act_failure_name(f);
  }
  EXPECT_EQ(act_exit_code(ActFailure::kNone), 0);
}

TEST(Desktop, NoDisplayIsAClearError) {
  auto d = Desktop::open(":4242");  // nothing listens there
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find(":4242"), std::string::npos);
}

}  // namespace
}  // namespace humain

#else
TEST(Desktop, NotBuilt) { GTEST_SKIP() << "built without the desktop layer (X11/XTest/AT-SPI dev packages)"; }
#endif
