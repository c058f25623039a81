"""extract/facts"""
