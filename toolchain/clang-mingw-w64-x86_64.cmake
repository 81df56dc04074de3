# A second Windows compiler: Debian's clang targeting x86_64-w64-mingw32,
# with the mingw-w64 headers, import libraries and binutils, and libgcc from
# the mingw gcc (clang's driver does not find it on its own). Everything is
# built with the same warnings as errors; nothing runs (the gcc build's tests
# run under Wine).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(LGS_MINGW_TRIPLE x86_64-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/mingw-w64-common.cmake)
set(CMAKE_C_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET ${LGS_MINGW_TRIPLE})
execute_process(COMMAND ${LGS_MINGW_TRIPLE}-gcc -print-libgcc-file-name
                OUTPUT_VARIABLE LGS_LIBGCC OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(LGS_LIBGCC_DIR "${LGS_LIBGCC}" DIRECTORY)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-L${LGS_LIBGCC_DIR}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-L${LGS_LIBGCC_DIR}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-L${LGS_LIBGCC_DIR}")
set(LGS_RUN_UNDER_WINE OFF)
