#pragma once
#include <sel4/functions.h>
