/* hot.c — the one definition of the hot globals (hot.h), in a module of its
 * own so that every module that bumps the fast-path epoch links against
 * something below it rather than against the engine. */
#include "hot.h"

lgs__hot_data lgs__hot;
