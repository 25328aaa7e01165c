// Icons named by meaning ("the notifications icon") or by meaning and the text they sit beside
// ("edit Amara Okafor": the pencil in Amara Okafor's row, "save Summit 28 to wishlist": the heart
// on that product's card).
#pragma once

#include <string>
#include <vector>

#include "grounding/local/match/candidate.h"
#include "grounding/local/match/instruction.h"
#include "humain/local_engine.h"

namespace humain::local {

// How well `icon` shows one of `wanted`: best concept weight x guess score x concept affinity, 0..1.
double icon_meaning(const ScreenElement& icon, const std::vector<ConceptHit>& wanted);

// One candidate per icon that shows a wanted meaning (or, for "the icon next to X" without a
// meaning, per icon or check box near X), scored below a full text match: a visible label that
// says the words is the better answer.
std::vector<Candidate> icon_candidates(const ScreenParse& parse, const Instruction& ins);

}  // namespace humain::local
