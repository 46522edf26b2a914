<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt strings that Qt's own qtbase_zh_CN.qm lacks (Qt 6 renamed them; the translation
     still has the old text), so Qt's file dialog said "Look in:" / "Files of type:".
     Rebuild the .qm with: .venv/bin/pyside6-lrelease resources/i18n/qt_extra_zh_CN.ts -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
