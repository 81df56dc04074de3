# Shared part of the mingw-w64 toolchain files: compilers, resource tools and
# where to find the CUnit that toolchain/setup.sh built for this target.
set(CMAKE_C_COMPILER ${LGS_MINGW_TRIPLE}-gcc)
set(CMAKE_RC_COMPILER ${LGS_MINGW_TRIPLE}-windres)
set(CMAKE_AR ${LGS_MINGW_TRIPLE}-ar CACHE FILEPATH "")
set(CMAKE_RANLIB ${LGS_MINGW_TRIPLE}-ranlib CACHE FILEPATH "")
set(LGS_WINDMC ${LGS_MINGW_TRIPLE}-windmc)

if(NOT DEFINED LGS_CACHE_DIR)
  if(DEFINED ENV{LGS_CACHE})
    set(LGS_CACHE_DIR $ENV{LGS_CACHE})
  else()
    get_filename_component(LGS_CACHE_DIR ${CMAKE_CURRENT_LIST_DIR}/../.cache ABSOLUTE)
  endif()
endif()
set(LGS_CUNIT_ROOT ${LGS_CACHE_DIR}/cunit-${LGS_MINGW_TRIPLE})

set(CMAKE_FIND_ROOT_PATH /usr/${LGS_MINGW_TRIPLE} ${LGS_CUNIT_ROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
