/* export.h — how public logonshim symbols are declared.
 *
 * A program that links the static library defines LOGONSHIM_STATIC (the CMake
 * target logonshim::static and `pkg-config --static` do it for you). Without it,
 * on Windows, declarations are dllimport so they bind to logonshim.dll; the DLL
 * itself is built with LOGONSHIM_BUILDING_DLL. Elsewhere the macro is empty.
 */
#ifndef LOGONSHIM_EXPORT_H
#define LOGONSHIM_EXPORT_H

#if defined(_WIN32) && !defined(LOGONSHIM_STATIC)
#  if defined(LOGONSHIM_BUILDING_DLL)
#    define LGS_API __declspec(dllexport)
#  else
#    define LGS_API __declspec(dllimport)
#  endif
#else
#  define LGS_API
#endif

#endif
