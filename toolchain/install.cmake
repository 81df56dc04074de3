# install.cmake — what `cmake --install` lays out, the CMake config package,
# the pkg-config file and the CPack ZIP. Included at the end of the
# top-level CMakeLists.txt.
#
#   include/logonshim/*.h
#   lib/liblogonshim.a                  static library (define LOGONSHIM_STATIC)
#   lib/liblogonshim.dll.a              import library of the DLL (Windows)
#   lib/logonshim.lib, lib/logonshim.def  MSVC-format import library and module-definition
#                                       file of the DLL (Windows; toolchain/dll_def.sh)
#   lib/logonshim-messages.obj          the Event Log message table, for static links (Windows)
#   bin/logonshim.dll                   (Windows)
#   bin/logonshim-explain[.exe]
#   bin/logonshim-hook.dll, bin/logonshim-run.exe  the in-process hooks and their launcher (Windows)
#   bin/logonshim-patch[.exe]           the import patcher (docs/patch.md)
#   lib/cmake/logonshim/                find_package(logonshim): logonshim::static, logonshim::shared
#   lib/pkgconfig/logonshim.pc, logonshim-static.pc (the static library by path)
#   share/doc/logonshim/                README.md, CHANGELOG.md, LICENSE, docs/*.md
#
# On Windows the installed DLL, explain tool and patcher are stripped of their debug
# information, which goes to logonshim-<version>-<win64|win32>-debug.zip
# (bin/*.debug, found through each binary's .gnu_debuglink).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LGS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/logonshim)

install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/logonshim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")

set_target_properties(logonshim_static PROPERTIES EXPORT_NAME static)
target_include_directories(logonshim_static PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set(LGS_INSTALL_TARGETS logonshim_static logonshim-explain logonshim-patch)
if(WIN32)
  set_target_properties(logonshim_shared PROPERTIES EXPORT_NAME shared)
  target_include_directories(logonshim_shared PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  list(APPEND LGS_INSTALL_TARGETS logonshim_shared)
endif()

# A static library cannot carry a resource, so programs linking the
# installed static library link the message table as an object of its own.
if(WIN32)
  set(LGS_MESSAGES_OBJ ${CMAKE_BINARY_DIR}/logonshim-messages.obj)
  add_custom_command(OUTPUT ${LGS_MESSAGES_OBJ}
    COMMAND ${CMAKE_RC_COMPILER} -I ${LGS_MC_DIR} -i ${LGS_MC_DIR}/messages.rc
            -o ${LGS_MESSAGES_OBJ} --output-format=coff
    DEPENDS ${LGS_MC_DIR}/messages.rc
    COMMENT "windres: the message table as an object for static links")
  add_custom_target(logonshim_messages_obj ALL DEPENDS ${LGS_MESSAGES_OBJ})
  add_dependencies(logonshim_messages_obj logonshim_messages)
  install(FILES ${LGS_MESSAGES_OBJ} DESTINATION ${CMAKE_INSTALL_LIBDIR})
  target_link_libraries(logonshim_static INTERFACE
    $<INSTALL_INTERFACE:$<INSTALL_PREFIX>/${CMAKE_INSTALL_LIBDIR}/logonshim-messages.obj>)
endif()

# For MSVC users: the DLL's module-definition file, read from its export
# table, and an MSVC-format import library made from it with llvm-dlltool
# (mingw's liblogonshim.dll.a is a GNU archive MSVC's link does not read).
if(WIN32)
  find_program(LGS_LLVM_DLLTOOL NAMES llvm-dlltool llvm-dlltool-14)
  if(NOT LGS_LLVM_DLLTOOL)
    message(FATAL_ERROR "llvm-dlltool not found (the MSVC import library): run toolchain/setup.sh")
  endif()
  # The export table is read in GNU objdump's format: the mingw binutils'
  # objdump, also under clang (whose CMAKE_OBJDUMP is llvm-objdump).
  find_program(LGS_PE_OBJDUMP NAMES ${LGS_MINGW_TRIPLE}-objdump NO_CACHE)
  if(NOT LGS_PE_OBJDUMP)
    set(LGS_PE_OBJDUMP ${CMAKE_OBJDUMP})
  endif()
  set(LGS_MSVC_DEF ${CMAKE_BINARY_DIR}/logonshim.def)
  set(LGS_MSVC_LIB ${CMAKE_BINARY_DIR}/logonshim.lib)
  add_custom_command(OUTPUT ${LGS_MSVC_DEF} ${LGS_MSVC_LIB}
    COMMAND bash ${CMAKE_SOURCE_DIR}/toolchain/dll_def.sh ${LGS_PE_OBJDUMP} ${LGS_LLVM_DLLTOOL}
            $<TARGET_FILE:logonshim_shared> ${LGS_MSVC_DEF} ${LGS_MSVC_LIB}
    DEPENDS logonshim_shared ${CMAKE_SOURCE_DIR}/toolchain/dll_def.sh
    COMMENT "llvm-dlltool: logonshim.def and the MSVC import library logonshim.lib")
  add_custom_target(logonshim_msvc_lib ALL DEPENDS ${LGS_MSVC_LIB})
  install(FILES ${LGS_MSVC_DEF} ${LGS_MSVC_LIB} DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

install(TARGETS ${LGS_INSTALL_TARGETS} EXPORT logonshim-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(WIN32)
  # Beside logonshim.dll, where logonshim-run looks for the hook DLL.
  install(TARGETS logonshim_hook logonshim-run
          LIBRARY DESTINATION ${CMAKE_INSTALL_BINDIR}
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT logonshim-targets NAMESPACE logonshim:: DESTINATION ${LGS_CMAKE_DIR})

# A VERSIONINFO resource in the DLL and the explain tool (from version.h),
# for Explorer's file properties and inventory tools; the tests read it
# back with GetFileVersionInfoW (tests/win/version_info.c).
if(WIN32)
  target_sources(logonshim_shared PRIVATE ${CMAKE_SOURCE_DIR}/port/win32/version.rc)
  target_compile_definitions(logonshim_shared PRIVATE $<$<COMPILE_LANGUAGE:RC>:LGS_RC_DLL>)
  target_sources(logonshim-explain PRIVATE ${CMAKE_SOURCE_DIR}/port/win32/version.rc)
endif()

# Symbols apart from the binaries: the build keeps the full DLL and
# explain tool (the tests and debuggers here use them), writes their debug
# information to build/debug/*.debug, and the install strips the installed
# copies and links each to its .debug file by name (.gnu_debuglink, with a
# CRC). cpack installs the same way, so the ZIP gets the stripped files.
if(WIN32)
  set(LGS_DEBUG_DIR ${CMAKE_BINARY_DIR}/debug)
  set(LGS_DEBUG_FILES)
  foreach(pair logonshim_shared:logonshim.dll logonshim-explain:logonshim-explain.exe
               logonshim-patch:logonshim-patch.exe)
    string(REPLACE ":" ";" pair ${pair})
    list(GET pair 0 tgt)
    list(GET pair 1 file)
    set(dbg ${LGS_DEBUG_DIR}/${file}.debug)
    add_custom_command(OUTPUT ${dbg}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${LGS_DEBUG_DIR}
      COMMAND ${CMAKE_OBJCOPY} --only-keep-debug $<TARGET_FILE:${tgt}> ${dbg}
      DEPENDS ${tgt}
      COMMENT "objcopy: the debug information of ${file} to debug/")
    list(APPEND LGS_DEBUG_FILES ${dbg})
    install(CODE "
      set(f \$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${file})
      execute_process(COMMAND ${CMAKE_OBJCOPY} --strip-debug --add-gnu-debuglink=${dbg} \${f}
                      RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR \"objcopy could not strip \${f}\")
      endif()")
  endforeach()
  # The symbols' ZIP, beside the one CPack makes: bin/<binary>.debug.
  if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(LGS_DEBUG_ZIP_NAME logonshim-${PROJECT_VERSION}-win64-debug)
  else()
    set(LGS_DEBUG_ZIP_NAME logonshim-${PROJECT_VERSION}-win32-debug)
  endif()
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/${LGS_DEBUG_ZIP_NAME}.zip
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${CMAKE_BINARY_DIR}/${LGS_DEBUG_ZIP_NAME}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/${LGS_DEBUG_ZIP_NAME}/bin
    COMMAND ${CMAKE_COMMAND} -E copy ${LGS_DEBUG_FILES} ${CMAKE_BINARY_DIR}/${LGS_DEBUG_ZIP_NAME}/bin/
    COMMAND ${CMAKE_COMMAND} -E tar cf ${CMAKE_BINARY_DIR}/${LGS_DEBUG_ZIP_NAME}.zip --format=zip
            ${LGS_DEBUG_ZIP_NAME}
    DEPENDS ${LGS_DEBUG_FILES}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
    COMMENT "the debug symbols' ZIP: ${LGS_DEBUG_ZIP_NAME}.zip")
  add_custom_target(logonshim_debug_zip ALL DEPENDS ${CMAKE_BINARY_DIR}/${LGS_DEBUG_ZIP_NAME}.zip)
endif()

configure_package_config_file(${CMAKE_SOURCE_DIR}/toolchain/logonshim-config.cmake.in
                              ${CMAKE_BINARY_DIR}/logonshim-config.cmake
                              INSTALL_DESTINATION ${LGS_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/logonshim-config-version.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/logonshim-config.cmake ${CMAKE_BINARY_DIR}/logonshim-config-version.cmake
        DESTINATION ${LGS_CMAKE_DIR})

if(WIN32)
  # The message table object, for the Event Log messages of static programs.
  set(LGS_PC_LIBS_PRIVATE "\${libdir}/logonshim-messages.obj -lsecur32 -ladvapi32")
else()
  set(LGS_PC_LIBS_PRIVATE "")
endif()
configure_file(${CMAKE_SOURCE_DIR}/toolchain/logonshim.pc.in ${CMAKE_BINARY_DIR}/logonshim.pc @ONLY)
# logonshim-static.pc: the static library by its path, so no -static is
# needed to keep the linker off the import library.
set(LGS_PC_STATIC_LIBS "${LGS_PC_LIBS_PRIVATE}")
configure_file(${CMAKE_SOURCE_DIR}/toolchain/logonshim-static.pc.in ${CMAKE_BINARY_DIR}/logonshim-static.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/logonshim.pc ${CMAKE_BINARY_DIR}/logonshim-static.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/CHANGELOG.md ${CMAKE_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
        FILES_MATCHING PATTERN "*.md")

# One ZIP per Windows architecture: logonshim-<version>-win64.zip / -win32.zip.
set(CPACK_PACKAGE_NAME logonshim)
set(CPACK_PACKAGE_VENDOR "logonshim")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Error handling for Windows logon, LSA and SSPI calls")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR ZIP)
if(WIN32)
  if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(CPACK_SYSTEM_NAME win64)
  else()
    set(CPACK_SYSTEM_NAME win32)
  endif()
endif()
include(CPack)
