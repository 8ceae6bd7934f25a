"""Readers for the files a study is made of: transcripts, survey exports, REFI-QDA projects."""
