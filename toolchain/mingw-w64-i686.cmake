# Cross-compiles logonshim for 32-bit Windows with mingw-w64 and, where this
# machine can run 32-bit Windows programs, runs the test programs under Wine
# like the x86_64 build: Debian's wine32:i386 runs i686 programs in a WoW64
# prefix (a 64-bit prefix with its 32-bit half). This is the build that
# checks what a 64-bit run cannot: the __stdcall wrappers and their
# decorated exports, the 32-bit TEB offsets the fast path reads, the 32-bit
# structure layouts.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(LGS_MINGW_TRIPLE i686-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-common.cmake)
# toolchain/wine32.sh knows whether 32-bit Wine runs here (a kernel without
# IA-32 emulation runs none; then no Wine test is registered and the checks
# that need no Wine still run). -DLGS_RUN_UNDER_WINE=ON|OFF overrides it.
if(NOT DEFINED LGS_RUN_UNDER_WINE)
  execute_process(COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/wine32.sh
                  RESULT_VARIABLE lgs_wine32_rc OUTPUT_VARIABLE lgs_wine32_why
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(lgs_wine32_rc EQUAL 0)
    set(LGS_RUN_UNDER_WINE ON)
  else()
    set(LGS_RUN_UNDER_WINE OFF)
    if(NOT LGS_WINE32_TOLD)
      message(STATUS "i686: tests not run under Wine: ${lgs_wine32_why}")
      set(LGS_WINE32_TOLD ON)
    endif()
  endif()
endif()
