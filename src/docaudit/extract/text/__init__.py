"""extract/text"""
